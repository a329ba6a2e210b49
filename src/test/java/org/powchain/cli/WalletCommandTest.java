package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.api.TestNode;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;
import org.powchain.wallet.KeyFile;
import org.powchain.client.NodeClient;

/** {@code powchain wallet}: a key of one's own, coins sent with transactions signed on this machine. */
@Tag("http")
class WalletCommandTest {
    @TempDir
    Path dir;

    final TestNode node = TestNode.start("w1");
    final TestNode other = TestNode.start("w2");
    final NetworkId NET = node.node().queries().networkId();

    @AfterEach
    void stop() {
        node.close();
        other.close();
    }

    private CliRun wallet(String... args) {
        return CliRun.command("wallet", args);
    }

    @Test
    void newKeyFileIsPrivateAndNeverOverwritten() throws Exception {
        Path keyFile = dir.resolve("alice.key");
        CliRun created = wallet("new", "--key-file", keyFile.toString());
        assertThat(created.exit()).isZero();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        String address = wallet("address", "--key-file", keyFile.toString()).out().trim();
        assertThat(Address.isAddress(address)).isTrue();
        assertThat(created.out()).contains(address);

        byte[] before = Files.readAllBytes(keyFile);
        CliRun again = wallet("new", "--key-file", keyFile.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("refusing to overwrite");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);

        CliRun missing = wallet("address", "--key-file", dir.resolve("nope.key").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no key file").contains("powchain wallet new");
    }

    @Test
    void sendSignsLocallyAndTheNodeAcceptsIt() throws Exception {
        Path keyFile = dir.resolve("bob.key");
        wallet("new", "--key-file", keyFile.toString());
        String address = wallet("address", "--key-file", keyFile.toString()).out().trim();

        node.get("/addtx?sender=A&to=" + address + "&amount=300");
        node.get("/mine");
        CliRun balance = wallet("balance", "--key-file", keyFile.toString(), "--node", node.baseUrl());
        assertThat(balance.out()).contains("balance 300");

        CliRun sent = wallet("send", "--key-file", keyFile.toString(), "--node", node.baseUrl(),
                "--to", "B", "--amount", "100", "--fee", "2");
        assertThat(sent.exit()).as(sent.err()).isZero();
        CliRun second = wallet("send", "--key-file", keyFile.toString(), "--node", node.baseUrl(),
                "--to", Keys.demo("B").address().toHex(), "--amount", "10");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("nonce 1"); // counted the first one, still in the mempool
        assertThat(node.get("/getmempool").json()).hasSize(2);

        node.get("/mine");
        assertThat(node.get("/getbalance?account=B").json().get("balance").asLong()).isEqualTo(1110);
        assertThat(node.get("/getbalance?account=" + address).json().get("balance").asLong()).isEqualTo(188);

        CliRun tooMuch = wallet("send", "--key-file", keyFile.toString(), "--node", node.baseUrl(),
                "--to", "B", "--amount", "1000");
        assertThat(tooMuch.exit()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("insufficient-funds");
    }

    /** On a UTXO node the wallet picks its own coins, signs every input here and shows the change. */
    @Test
    void onAUtxoNodeSendSelectsTheWalletsCoinsAndShowsTheChange() throws Exception {
        org.powchain.node.NodeConfig c = org.powchain.node.NodeConfig.forTests("w3");
        try (TestNode utxo = new TestNode(c.withParams(c.params().withLedger(org.powchain.consensus.UtxoLedger.INSTANCE)))) {
            Path keyFile = dir.resolve("dora.key");
            wallet("new", "--key-file", keyFile.toString());
            String address = wallet("address", "--key-file", keyFile.toString()).out().trim();
            utxo.get("/addtx?sender=A&to=" + address + "&amount=300");
            utxo.get("/addtx?sender=B&to=" + address + "&amount=50");
            utxo.get("/mine");
            CliRun balance = wallet("balance", "--key-file", keyFile.toString(), "--node", utxo.baseUrl());
            assertThat(balance.out()).contains("balance 350 in unspent outputs, 2 of them (350 coins) spendable now");

            CliRun sent = wallet("send", "--key-file", keyFile.toString(), "--node", utxo.baseUrl(),
                    "--to", "C", "--amount", "100");
            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("coins chosen largest first: 1 of 2 spendable").contains("  300")
                    .contains("pay    100 to " + Keys.demo("C").address().toHex())
                    .contains("change 200 back to " + address).contains("fee    0 (212 bytes at 0 per 1000)");
            CliRun withFee = wallet("send", "--key-file", keyFile.toString(), "--node", utxo.baseUrl(),
                    "--to", "C", "--amount", "40", "--fee", "1");
            assertThat(withFee.exit()).isEqualTo(1);
            assertThat(withFee.err()).contains("--fee-rate");

            utxo.get("/mine");
            assertThat(utxo.get("/getbalance?account=C").json().get("balance").asLong()).isEqualTo(100);
            assertThat(utxo.get("/getbalance?account=" + address).json().get("unspentOutputs").asInt()).isEqualTo(2);
            CliRun tooMuch = wallet("send", "--key-file", keyFile.toString(), "--node", utxo.baseUrl(),
                    "--to", "B", "--amount", "1000");
            assertThat(tooMuch.exit()).isEqualTo(1);
            assertThat(tooMuch.err()).contains("not enough to pay 1000: 2 spendable outputs hold 250");
        }
    }

    @Test
    void aRealKeysTransactionIsAcceptedByEveryNodeAndOneChangedByteIsRefused() throws Exception {
        Keys keys = KeyFile.create(dir.resolve("carol.key"));
        AccountTransaction tx = AccountTransaction.signed(NET, Keys.demo("A"), keys.address(), 50, 0, 0);
        for (TestNode n : new TestNode[] {node, other}) {
            assertThat(new NodeClient(n.baseUrl()).submit(tx).get("id").asText()).isEqualTo(tx.id().toHex());
        }

        ObjectNode changed = NodeClient.json(AccountTransaction.signed(NET, Keys.demo("A"), keys.address(), 50, 0, 1));
        changed.put("amount", 51); // one byte of the signed message
        changed.remove("id");
        TestNode.Reply refused = other.post("/api/v1/transactions", changed.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).isEqualTo("bad-signature");
        assertThat(other.get("/getmempool").json()).hasSize(1);
    }

    @Test
    void anUnreachableNodeIsAClearError() throws Exception {
        Path keyFile = dir.resolve("dave.key");
        wallet("new", "--key-file", keyFile.toString());
        CliRun r = wallet("balance", "--key-file", keyFile.toString(), "--node", "http://127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the node at http://127.0.0.1:1");
    }
}
