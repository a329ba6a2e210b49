package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a command such as {@code ip netns add}, bounded in time, for the tests that build networks. */
public final class Shell {
    private Shell() {}

    /** The command's exit status, or -1 if it could not start or took over 20 s. Output is discarded. */
    public static int run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code cmd} and fails the test unless it succeeds. */
    public static void check(String... cmd) {
        assertThat(run(cmd)).as(String.join(" ", cmd)).isZero();
    }
}
