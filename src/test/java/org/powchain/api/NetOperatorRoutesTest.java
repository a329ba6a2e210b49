package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.ConsensusParams;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;
import org.powchain.process.Shell;

/**
 * The operator routes answer only loopback unless {@code --rpc-allow-ip} lets others in. The
 * client is a real other host: curl in a network namespace, joined to this one by a veth pair
 * whose two ends carry 10.232.x.1 (the node's, here) and 10.232.x.2 (the client's). Needs root
 * and {@code ip netns} (as in CI); skipped with the reason otherwise.
 */
@Tag("network")
class NetOperatorRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String id = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final int subnet = 100 + ThreadLocalRandom.current().nextInt(150);
    private final String namespace = "pcop" + id;
    private final String hostIp = "10.232." + subnet + ".1";
    private final String clientIp = "10.232." + subnet + ".2";
    private final List<AutoCloseable> open = new ArrayList<>();

    record Reply(int status, JsonNode json) {}

    @BeforeEach
    void joinANamespace() {
        Assumptions.assumeTrue(Shell.run("ip", "netns", "add", namespace) == 0,
                "skipped: 'ip netns add' failed: this test needs root and iproute2 (as in CI)");
        Assumptions.assumeTrue(Shell.run("curl", "--version") == 0, "skipped: curl is needed to call from the namespace");
        String veth = "pcv" + id;
        Shell.check("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        Shell.check("ip", "addr", "add", hostIp + "/24", "dev", veth);
        Shell.check("ip", "link", "set", veth, "up");
        Shell.check("ip", "-n", namespace, "addr", "add", clientIp + "/24", "dev", "eth0");
        Shell.check("ip", "-n", namespace, "link", "set", "eth0", "up");
    }

    /** A node listening on this side of the veth pair only, with operator access as given. */
    private String startNode(OperatorAccess access) {
        NodeConfig config = new NodeConfig(0, hostIp, "op" + id, hostIp, List.of(), false, 1, Optional.empty(), true,
                ConsensusParams.forTests());
        Node node = new Node(config);
        ApiServer api = new ApiServer(node, access);
        open.add(node);
        open.add(api); // closed first
        node.start();
        api.start();
        return api.baseUrl();
    }

    @Test
    void operatorRoutesRefuseAnotherHostWhileEverythingElseStaysOpen() throws Exception {
        String node = startNode(OperatorAccess.loopbackOnly());
        for (String[] call : new String[][] {{"GET", "/mine"}, {"POST", "/api/v1/mine"},
                {"GET", "/addpeer?peer=" + clientIp + ":5000"}, {"GET", "/resolvesplit"}}) {
            Reply r = curl(call[0], node + call[1], null);
            assertThat(r.status()).as(call[1]).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(r.json().path("detail").asText()).contains("--rpc-allow-ip", clientIp);
        }
        assertThat(curl("GET", node + "/", null).json().path("height").asInt()).isZero(); // nothing was mined
        assertThat(curl("GET", node + "/getpeerstore", null).json()).isEmpty(); // no peer was added

        assertThat(curl("GET", node + "/getbalance?account=A", null).status()).isEqualTo(200);
        assertThat(curl("GET", node + "/addtx?sender=A&to=B&amount=5", null).status()).isEqualTo(200);
        assertThat(curl("POST", node + "/api/v1/transactions", "{}").status()).isEqualTo(400); // open: just malformed
        assertThat(curl("GET", node + "/p2p/peers", null).status()).isEqualTo(200);
        assertThat(curl("GET", node + "/api/v1/mempool", null).json().path("size").asInt()).isEqualTo(1);
    }

    @Test
    void rpcAllowIpLetsTheGivenNetworkIn() throws Exception {
        String node = startNode(OperatorAccess.allowing(List.of("10.232." + subnet + ".0/24")));
        Reply mined = curl("GET", node + "/mine", null);
        assertThat(mined.status()).isEqualTo(200);
        assertThat(curl("GET", node + "/", null).json().path("tip").asText()).isEqualTo(mined.json().path("hash").asText());
        assertThat(curl("POST", node + "/api/v1/mine", null).status()).isEqualTo(200);
    }

    /** curl inside the namespace: the request comes from {@link #clientIp}, another host as far as the node knows. */
    private Reply curl(String method, String url, String body) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "curl", "-s", "-m", "10",
                "-X", method, "-w", "\n%{http_code}"));
        if (body != null) {
            cmd.addAll(List.of("-H", "Content-Type: application/json", "--data", body));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        int cut = out.lastIndexOf('\n');
        int status = Integer.parseInt(out.substring(cut + 1).strip());
        String json = out.substring(0, cut);
        return new Reply(status, json.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(json));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        Shell.run("ip", "netns", "del", namespace); // takes the veth pair with it
    }
}
