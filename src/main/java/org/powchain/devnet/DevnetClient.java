package org.powchain.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A devnet seen from another terminal: its {@code state.json} says where its control port is and
 * which processes it started; every operation is a call to that port.
 */
public final class DevnetClient {
    private final Path dir;
    private final JsonNode state;

    private DevnetClient(Path dir, JsonNode state) {
        this.dir = dir;
        this.state = state;
    }

    /** The devnet whose state is in {@code dir}, or empty if none runs there. */
    public static Optional<DevnetClient> find(Path dir) throws IOException {
        Path file = dir.resolve(Devnet.STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new DevnetClient(dir, LocalHttp.JSON.readTree(file.toFile())));
    }

    public int controlPort() {
        return state.path("controlPort").asInt();
    }

    /** GET or POST on the control API; fails with the devnet's error detail unless 2xx. */
    public JsonNode call(String method, String pathAndQuery) throws IOException {
        LocalHttp.Reply r = LocalHttp.send(controlPort(), method, DevnetServer.BASE + pathAndQuery);
        if (!r.ok()) {
            throw new IOException(r.json().path("detail").asText(r.json().toString()));
        }
        return r.json();
    }

    /** A process's whole command line: from /proc where there is one (ProcessHandle.Info cuts a long one), else as Info has it. */
    static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException noProc) {
            return p.info().commandLine().orElse("");
        }
    }

    public static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /**
     * Brings the devnet down: asks its control port, then waits until every process the state file
     * names is gone; when the devnet no longer answers, ends the processes it left itself (only those
     * that are still powchain nodes: a pid may have been reused). Returns how many it ended.
     */
    public int down() throws IOException {
        boolean asked;
        try {
            asked = LocalHttp.post(controlPort(), DevnetServer.BASE + "/down").ok();
        } catch (IOException unreachable) {
            asked = false;
        }
        List<ProcessHandle> processes = new ArrayList<>();
        ProcessHandle.of(state.path("pid").asLong()).ifPresent(processes::add);
        for (JsonNode n : state.path("nodes")) {
            if (!n.path("pid").isNull()) {
                ProcessHandle.of(n.path("pid").asLong())
                        .filter(p -> commandLine(p).contains("org.powchain.cli.Main"))
                        .ifPresent(processes::add);
            }
        }
        long deadline = System.nanoTime() + 40_000_000_000L;
        int ended = 0;
        for (ProcessHandle p : processes) {
            if (!asked && p.pid() != state.path("pid").asLong()) {
                p.destroy();
                ended++;
            }
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    p.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception stillRunning) {
                    // check again until the deadline
                }
            }
            if (p.isAlive()) {
                p.destroyForcibly();
                ended++;
            }
        }
        Files.deleteIfExists(dir.resolve(Devnet.STATE_FILE));
        return ended;
    }
}
