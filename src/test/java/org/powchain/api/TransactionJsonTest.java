package org.powchain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.Transaction;
import org.powchain.wire.WireFormat;
import org.powchain.client.NodeClient;

/**
 * The API, the wire and the wallet write transactions with one codec, the ledger model's, and the
 * JSON is what powchain wrote before there was one: the expected strings below were captured from
 * the previous version's {@code /getlastblock}, {@code /getmempool} and {@code /p2p/mempool} on the
 * chain of {@code store/schema-1/chain.db} (Ed25519 signatures are deterministic, so the same
 * transactions are rebuilt here).
 */
@Tag("unit")
class TransactionJsonTest {
    static final ConsensusParams P = ConsensusParams.defaults();
    static final NetworkId NET = Genesis.networkId(P);
    static final Address TUTOR = Keys.demo("tutor").address();
    static final Address CAROL = Keys.demo("carol").address();
    /** The names that node knew: its own, and the genesis allocations'. */
    static final Map<Address, String> NAMES = Map.of(Keys.demo("A").address(), "A", Keys.demo("B").address(), "B",
            TUTOR, "tutor");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final WireFormat wire = WireFormat.of(P);
    final JsonCodec api = new JsonCodec(wire, NAMES::get);
    final AccountTransaction coinbase = AccountTransaction.coinbase(TUTOR, 52, 2);
    final AccountTransaction aToCarol = AccountTransaction.signed(NET, Keys.demo("A"), CAROL, 5, 0, 1);

    @Test
    void theApiShowsATransferAndACoinbaseAsBefore() throws Exception {
        assertThat(MAPPER.writeValueAsString(api.tx(aToCarol))).isEqualTo("{\"id\":\"fe19f0c94ac249552f92d460e324d05b3be8aaf3d077cad2674992f942a36d7a\","
                + "\"network\":\"78d3c45a8a9071b9\",\"sender\":\"d81f867e6e865a166bfc7187aaf8339410625084\","
                + "\"to\":\"256575be7c0522253e218eb88fee24ea9202fd53\",\"amount\":5,\"fee\":0,\"nonce\":1,\"coinbase\":false,"
                + "\"senderName\":\"A\",\"publicKey\":\"61dedb698e93bcf0bd02a4c00ad7d3767d69f1fe93f938f311e0b4533a4b617c\","
                + "\"signature\":\"859212694c03af1f5f156c9e4e2e2f90f9cab544209e8fd6fb1a06679e8e89d867a5d3255accd5192e017b6158ddc193479f731c9e23c720dfa1318ad7a2e608\"}");
        assertThat(MAPPER.writeValueAsString(api.tx(coinbase))).isEqualTo("{\"id\":\"93cf741879c2d34cf4ed1366f268b3204489807b8f5a6d61d729a206c198f163\","
                + "\"network\":\"0000000000000000\",\"sender\":\"coinbase\",\"to\":\"303f295c4ff023f0a9077a6d03f8f3224412960a\","
                + "\"amount\":52,\"fee\":0,\"nonce\":2,\"coinbase\":true,\"toName\":\"tutor\","
                + "\"publicKey\":\"" + "0".repeat(64) + "\",\"signature\":\"" + "0".repeat(128) + "\"}");
    }

    @Test
    void peersAndTheWalletSendTheFieldsParsingNeeds() throws Exception {
        String expected = "{\"id\":\"fe19f0c94ac249552f92d460e324d05b3be8aaf3d077cad2674992f942a36d7a\","
                + "\"network\":\"78d3c45a8a9071b9\",\"to\":\"256575be7c0522253e218eb88fee24ea9202fd53\",\"amount\":5,\"fee\":0,"
                + "\"nonce\":1,\"publicKey\":\"61dedb698e93bcf0bd02a4c00ad7d3767d69f1fe93f938f311e0b4533a4b617c\","
                + "\"signature\":\"859212694c03af1f5f156c9e4e2e2f90f9cab544209e8fd6fb1a06679e8e89d867a5d3255accd5192e017b6158ddc193479f731c9e23c720dfa1318ad7a2e608\"}";
        assertThat(MAPPER.writeValueAsString(wire.tx(aToCarol))).isEqualTo(expected);
        assertThat(MAPPER.writeValueAsString(NodeClient.json(aToCarol))).isEqualTo(expected);
    }

    @Test
    void whatTheApiShowsParsesBackToTheSameTransactionCoinbaseIncluded() {
        for (Transaction t : new Transaction[] {aToCarol, coinbase}) {
            assertThat(wire.parseTransaction(api.tx(t)).encode()).isEqualTo(t.encode());
            assertThat(wire.parseTransaction(wire.tx(t)).encode()).isEqualTo(t.encode());
        }
    }
}
