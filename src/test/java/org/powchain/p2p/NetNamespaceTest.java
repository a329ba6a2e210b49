package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.devnet.NodeLauncher;
import org.powchain.process.NodeJvm;
import org.powchain.process.Shell;

/**
 * Nodes on separate addresses, as on separate machines: three network namespaces joined by a
 * bridge (in a fourth), each node a separate {@code powchain} process. The third node's port is
 * unreachable from outside (it listens on its own loopback only, like a node behind NAT) while it
 * advertises its namespace address. It still takes part by dialling out, the others stop
 * gossiping it without banning it, and all converge. Needs root and {@code ip netns} (as in CI);
 * skipped with the reason otherwise. Only the namespaces' own 10.231.x.y addresses are used.
 */
@Tag("network")
class NetNamespaceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int PORT = 5000;

    private final String id = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final int subnet = 100 + ThreadLocalRandom.current().nextInt(150);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path workDir;

    private String ns(String name) {
        return "pc" + name + id;
    }

    private String ip(int host) {
        return "10.231." + subnet + "." + host;
    }

    @Test
    void nodesOnSeparateAddressesConvergeAndOneNobodyCanDialStillTakesPart() throws Exception {
        Assumptions.assumeTrue(Shell.run("ip", "netns", "add", ns("h")) == 0,
                "skipped: 'ip netns add' failed: this test needs root and iproute2 (as in CI)");
        namespaces.add(ns("h"));
        Assumptions.assumeTrue(Shell.run("curl", "--version") == 0, "skipped: curl is needed to talk to the namespaced nodes");
        Shell.check("ip", "-n", ns("h"), "link", "add", "br0", "type", "bridge");
        Shell.check("ip", "-n", ns("h"), "link", "set", "br0", "up");
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < names.length; i++) {
            String n = ns(names[i]);
            Shell.check("ip", "netns", "add", n);
            namespaces.add(n);
            Shell.check("ip", "-n", n, "link", "add", "eth0", "type", "veth", "peer", "name", "v" + names[i], "netns", ns("h"));
            Shell.check("ip", "-n", ns("h"), "link", "set", "v" + names[i], "master", "br0");
            Shell.check("ip", "-n", ns("h"), "link", "set", "v" + names[i], "up");
            Shell.check("ip", "-n", n, "addr", "add", ip(i + 1) + "/24", "dev", "eth0");
            Shell.check("ip", "-n", n, "link", "set", "eth0", "up");
            Shell.check("ip", "-n", n, "link", "set", "lo", "up");
        }
        workDir = Files.createTempDirectory("powchain-netns");

        String boot = ip(1) + ":" + PORT;
        // the test calls alpha's /mine from alpha's namespace address, not from loopback
        start("a", "alpha", ip(1), ip(1), "--rpc-allow-ip=" + ip(0) + "/24");
        start("b", "beta", ip(2), ip(2), "--boot-node=" + boot);
        // gamma listens on its own loopback: nobody can dial 10.231.x.3:5000, yet it advertises that address
        start("c", "gamma", "127.0.0.1", ip(3), "--boot-node=" + boot);
        String a = "http://" + ip(1) + ":" + PORT;
        String b = "http://" + ip(2) + ":" + PORT;
        String c = "http://127.0.0.1:" + PORT;

        await().atMost(DEADLINE).until(() -> has(get("a", a + "/getpeerstore"), ip(2) + ":" + PORT)
                && has(get("b", b + "/getpeerstore"), ip(1) + ":" + PORT)
                && has(get("c", c + "/getpeerstore"), ip(2) + ":" + PORT)); // gamma learned beta by gossip

        // gamma, unreachable, sends a tx and mines it: its pushes reach the others
        get("c", c + "/addtx?sender=A&to=B&amount=100");
        String gammaBlock = get("c", c + "/mine").get("hash").asText();
        await().atMost(DEADLINE).until(() -> tip("a", a).equals(gammaBlock) && tip("b", b).equals(gammaBlock));
        // alpha mines: gamma, whom nobody can push to, pulls it
        String alphaBlock = get("a", a + "/mine").get("hash").asText();
        await().atMost(DEADLINE).until(() -> tip("c", c).equals(alphaBlock) && tip("b", b).equals(alphaBlock));
        assertThat(get("c", c + "/getbalance?account=B").get("balance").asLong()).isEqualTo(1100);

        // alpha could not dial gamma back: it does not gossip it, and did not ban it for that
        String gamma = ip(3) + ":" + PORT;
        await().atMost(DEADLINE).until(() -> {
            for (JsonNode p : get("a", a + "/p2p/peerinfo")) {
                if (p.get("address").asText().equals(gamma)) {
                    return p.get("failures").asInt() > 0; // it tried, and failed
                }
            }
            return false;
        });
        assertThat(has(get("a", a + "/p2p/peers"), gamma)).isFalse();
        assertThat(has(get("b", b + "/p2p/peers"), gamma)).isFalse();
        for (JsonNode p : get("a", a + "/p2p/peerinfo")) {
            assertThat(p.get("status").asText()).isNotEqualTo("BANNED");
        }
    }

    private void start(String name, String nodeId, String host, String advertised, String... extra) throws IOException {
        List<String> flags = new ArrayList<>(NodeJvm.archiveFlags());
        flags.add("-Xmx256m");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(name)));
        cmd.addAll(NodeLauncher.command(flags, List.of("-p", String.valueOf(PORT), "--host", host, "--node-ip", advertised,
                "-i", nodeId, "--difficulty", "1", "--threads", "1",
                // every node listens on the same port, so the default ./data/<port> would be shared (and locked)
                "--data-dir", workDir.resolve(name + "-data").toString())));
        cmd.addAll(List.of(extra));
        File log = workDir.resolve(name + ".log").toFile();
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start());
        String url = "http://" + host + ":" + PORT + "/";
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get(name, url).has("height"));
    }

    /** GET through curl inside the node's namespace: the test's own namespace has no route there. */
    private JsonNode get(String name, String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns(name), "curl", "-s", "-m", "10", url)
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(15, TimeUnit.SECONDS);
        return MAPPER.readTree(new String(out, StandardCharsets.UTF_8));
    }

    private String tip(String name, String base) throws Exception {
        return get(name, base + "/").get("tip").asText();
    }

    private static boolean has(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (String n : namespaces) {
            Shell.run("ip", "netns", "del", n);
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
