package org.powchain.devnet;

import java.time.Duration;
import java.util.Optional;

/**
 * How a devnet's node notices that the devnet is gone: the devnet starts each node with
 * {@code --controller-pid <its own pid>}, and the node checks that process every quarter second.
 * When it has exited, however it exited (Ctrl-C, SIGTERM, a crash, {@code kill -9}), the node shuts
 * down as on SIGTERM. So a node never outlives its devnet for long, even when the devnet could not
 * stop it itself.
 *
 * <p>The check is {@link ProcessHandle#isAlive()}, which compares the process's start time too, so
 * a pid reused by another process does not keep the node running; and, when the controller started
 * the node (it always does), the node's parent: a process whose parent died is given to another at
 * once (init or a subreaper), and its parent pid is never the controller's again.
 */
public final class ControllerWatch {
    /** How often a node checks its controller. */
    public static final Duration EVERY = Duration.ofMillis(250);

    private ControllerWatch() {}

    /**
     * Starts a daemon thread that runs {@code gone} once, when process {@code pid} has exited (at
     * once if it is not running now).
     */
    public static Thread start(long pid, Duration every, Runnable gone) {
        Optional<ProcessHandle> controller = ProcessHandle.of(pid);
        boolean isParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid;
        Thread t = new Thread(() -> {
            while (alive(controller, isParent, pid)) {
                try {
                    Thread.sleep(every.toMillis()); // polling another process: real time is what we wait for
                } catch (InterruptedException e) {
                    return;
                }
            }
            gone.run();
        }, "controller-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static boolean alive(Optional<ProcessHandle> controller, boolean isParent, long pid) {
        if (controller.isEmpty() || !controller.get().isAlive()) {
            return false;
        }
        return !isParent || ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid;
    }
}
