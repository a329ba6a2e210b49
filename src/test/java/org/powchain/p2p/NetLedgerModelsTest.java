package org.powchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.api.TestNode;
import org.powchain.consensus.UtxoLedger;
import org.slf4j.LoggerFactory;
import org.powchain.wire.PeerAddress;

/**
 * A node of the account model and one of the UTXO model ({@code --ledger utxo}) on loopback: the
 * model is in the network id, so they refuse each other's hello, say why in one log line naming
 * both models, and never count each other as a healthy peer, whichever dials first.
 */
@Tag("network")
class NetLedgerModelsTest {
    final Cluster cluster = new Cluster();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger gossipLog = (Logger) LoggerFactory.getLogger(PeerGossip.class);

    /** What the logger's level was: another test in this JVM may have quietened the root logger (simulate does). */
    ch.qos.logback.classic.Level levelBefore;

    @BeforeEach
    void listen() {
        log.start();
        levelBefore = gossipLog.getLevel();
        gossipLog.setLevel(ch.qos.logback.classic.Level.INFO);
        gossipLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        gossipLog.detachAppender(log);
        gossipLog.setLevel(levelBefore);
        cluster.close();
    }

    static TestNode utxo(Cluster cluster, String id, TestNode... boot) {
        return cluster.start(id, c -> c.withParams(c.params().withLedger(UtxoLedger.INSTANCE)), boot);
    }

    @Test
    void aNodeRefusesTheHelloOfANodeOfTheOtherModelNamingBoth() {
        TestNode accounts = cluster.start("accounts");
        TestNode outputs = utxo(cluster, "outputs");
        assertThat(outputs.node().network().hello().path("ledger").asText()).isEqualTo("utxo");
        assertThat(accounts.node().queries().networkId()).isNotEqualTo(outputs.node().queries().networkId());

        ObjectNode hello = outputs.node().network().hello();
        TestNode.Reply reply = accounts.post("/p2p/hello", hello.toString());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().path("error").asText()).isEqualTo("wrong-network");
        assertThat(reply.json().path("detail").asText())
                .contains("this node runs the account ledger model", "the node saying hello runs the utxo ledger model",
                        accounts.node().queries().networkId().toString(), outputs.node().queries().networkId().toString());
    }

    @Test
    void nodesOfTheTwoModelsNeverBecomePeersWhicheverDials() {
        TestNode accounts = cluster.start("accounts");
        TestNode outputs = utxo(cluster, "outputs", accounts);      // the UTXO node dials the account node
        TestNode accounts2 = cluster.start("accounts2", outputs);   // an account node dials the UTXO node

        PeerAddress a = PeerAddress.parse(Cluster.address(accounts)).orElseThrow();
        PeerAddress o = PeerAddress.parse(Cluster.address(outputs)).orElseThrow();
        await().atMost(Cluster.DEADLINE).until(() -> !outputs.node().peers().contains(a) && !accounts2.node().peers().contains(o));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                outputs.node().peers().healthy().isEmpty() && accounts.node().peers().healthy().isEmpty()
                        && accounts2.node().peers().healthy().isEmpty()
                        && outputs.node().peers().gossipable().isEmpty() && accounts.node().peers().gossipable().isEmpty());
        assertThat(outputs.get("/api/v1/peers").json()).noneMatch(p -> p.path("status").asText().equals("healthy"));
        // one line, on the dialling side, says what happened with both models' names
        for (PeerAddress refused : java.util.List.of(a, o)) {
            await().atMost(Cluster.DEADLINE).until(() -> log.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.startsWith("p2p: dropped " + refused + ", which refused this node's hello")
                            && m.contains("the account ledger model") && m.contains("the utxo ledger model")));
        }
        // both keep mining their own chains, unbothered
        outputs.get("/mine");
        accounts.get("/mine");
        assertThat(outputs.node().queries().height()).isEqualTo(1);
        assertThat(accounts.node().queries().height()).isEqualTo(1);
    }
}
