package org.powchain.devnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consecutive free loopback ports for a devnet whose node i listens on base + i (tests, {@code bench
 * startup}). They are taken below the kernel's ephemeral range: a port in that range that is free
 * when checked can be handed to any outgoing connection before the node binds it, and the node
 * then exits at start with "address already in use" (seen under load, where many connections open
 * and a start takes seconds).
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;

    private FreePorts() {}

    /** The first of {@code n} consecutive loopback ports free now, below the ephemeral range. */
    public static int consecutive(int n) throws IOException {
        int highest = ephemeralLow() - n;
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, highest);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int p = base; p < base + n; p++) {
                    held.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
                }
                return base;
            } catch (IOException taken) {
                // try another range
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no " + n + " consecutive free ports between " + LOWEST + " and " + highest);
    }

    /** The first port of Linux's ephemeral range (32768 by default); 32768 where it cannot be read. */
    static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(LOWEST + 1_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}
