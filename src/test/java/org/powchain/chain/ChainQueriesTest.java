package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/**
 * What the chain answers the layers above it (API, p2p sync, listeners): which blocks it knows and
 * where, header chains checked before any body is fetched, and the bounded pools and caches.
 */
@Tag("unit")
class ChainQueriesTest {
    static final org.powchain.core.NetworkId NET = new org.powchain.chain.ChainBuilder().network();
    final ChainBuilder builder = new ChainBuilder();
    final ChainManager chain = builder.newChain();
    final ChainQueries queries = chain.queries();

    @Test
    void answersWhichBlocksItKnowsAndWhichAreOnTheMainChain() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 3);
        Block side = builder.child(builder.genesis());
        for (Block b : main) {
            chain.process(b);
        }
        chain.process(side);
        Block unknown = builder.child(main.get(2));

        assertThat(queries.knows(main.get(1).hash())).isTrue();
        assertThat(queries.knows(side.hash())).isTrue();
        assertThat(queries.knows(unknown.hash())).isFalse();
        assertThat(queries.isOnMainChain(main.get(1).hash())).isTrue();
        assertThat(queries.isOnMainChain(side.hash())).isFalse();
        assertThat(queries.isOnMainChain(unknown.hash())).isFalse();
        assertThat(queries.node(side.hash())).hasValueSatisfying(n -> assertThat(n.height()).isEqualTo(1));
        assertThat(queries.node(unknown.hash())).isEmpty();
        assertThat(queries.allNodes()).extracting(BlockNode::hash)
                .containsExactlyInAnyOrder(builder.genesis().hash(), main.get(0).hash(), main.get(1).hash(),
                        main.get(2).hash(), side.hash());

        assertThat(queries.blockAt(0)).contains(builder.genesis());
        assertThat(queries.blockAt(3)).contains(main.get(2));
        assertThat(queries.blockAt(4)).isEmpty();
        assertThat(queries.blockAt(-1)).isEmpty();
        assertThat(queries.blocks(1, 2)).containsExactly(main.get(0), main.get(1));
        assertThat(queries.blocks(2, 10)).containsExactly(main.get(1), main.get(2));
        assertThat(queries.blocks(-5, 1)).containsExactly(builder.genesis());
        assertThat(queries.blocks(4, 10)).isEmpty();
        assertThat(queries.tipNode().toString()).contains("3").contains(main.get(2).hash().toHex().substring(0, 12));
    }

    @Test
    void listenersHearEachAcceptedAndEachRefusedBlock() throws Exception {
        List<Block> accepted = new ArrayList<>();
        List<Rule> refused = new ArrayList<>();
        chain.addListener(new ChainListener() {
            @Override
            public void blockStored(Block block, BlockNode node) {
                accepted.add(block);
            }

            @Override
            public void blockRejected(Block block, RuleViolation violation) {
                refused.add(violation.rule());
            }
        });
        List<Block> blocks = builder.extend(builder.genesis(), 2);
        assertThatThrownBy(() -> chain.process(blocks.get(1))).isInstanceOf(RuleViolation.class); // an orphan for now
        chain.process(blocks.get(0));

        assertThat(accepted).containsExactly(blocks.get(0), blocks.get(1));
        assertThat(refused).containsExactly(Rule.UNKNOWN_PARENT);
    }

    @Test
    void aHeaderChainIsCheckedForLinksProofOfWorkAndDifficultyWithoutStoringIt() throws Exception {
        List<Block> blocks = RetargetChains.upThenDown(builder);
        List<BlockHeader> headers = blocks.stream().map(Block::header).toList();
        assertThatCode(() -> chain.checkHeaderChain(headers)).doesNotThrowAnyException();
        assertThatCode(() -> chain.checkHeaderChain(List.of())).doesNotThrowAnyException();
        assertThat(queries.height()).isZero(); // nothing stored
        assertThat(queries.knows(blocks.get(0).hash())).isFalse();

        List<BlockHeader> gap = new ArrayList<>(headers);
        gap.remove(3);
        assertThat(headerRule(gap)).isEqualTo(Rule.UNKNOWN_PARENT);

        List<BlockHeader> staleBits = new ArrayList<>(headers.subList(0, 9)); // block 10 keeps the genesis bits
        BlockHeader h10 = headers.get(9);
        staleBits.add(ChainBuilder.mine(new BlockHeader(h10.version(), h10.previousHash(), h10.merkleRoot(),
                h10.timestamp(), RetargetChains.GENESIS_BITS, h10.nonce())));
        assertThat(headerRule(staleBits)).isEqualTo(Rule.BAD_BITS);

        List<BlockHeader> unmined = new ArrayList<>(headers.subList(0, 2));
        BlockHeader h2 = unmined.get(1);
        do {
            h2 = h2.withNonce(h2.nonce() + 1);
        } while (org.powchain.core.Target.meets(h2.hash(), h2.bits()));
        unmined.set(1, h2);
        assertThat(headerRule(unmined)).isEqualTo(Rule.HIGH_HASH);

        assertThatThrownBy(() -> chain.checkHeaderChain(headers.subList(1, 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOrphanPoolKeepsTheNewestUpToItsCapacity() {
        OrphanPool pool = new OrphanPool(2);
        List<Block> blocks = builder.extend(builder.genesis(), 3);
        blocks.forEach(b -> pool.add(new PreChecked(b)));
        pool.add(new PreChecked(blocks.get(2))); // again: no change
        assertThat(pool.capacity()).isEqualTo(2);
        assertThat(pool.size()).isEqualTo(2);
        assertThat(pool.all()).containsExactly(blocks.get(1), blocks.get(2));
    }

    @Test
    void theSignatureCacheRemembersUpToItsSizeAndForgetsTheLeastRecentlyUsed() throws Exception {
        SignatureVerifier cache = new SignatureVerifier(2);
        Keys a = Keys.demo("A");
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            txs.add(Transaction.signed(NET, a, Keys.demo("B").address(), 1, 0, i));
        }
        cache.verify(txs.get(0));
        cache.verify(txs.get(1));
        assertThat(cache.isVerified(txs.get(0).id())).isTrue();
        assertThat(cache.isVerified(txs.get(1).id())).isTrue();
        cache.verify(txs.get(2)); // the third pushes out the least recently used
        assertThat(txs.stream().filter(t -> cache.isVerified(t.id())).count()).isEqualTo(2);
        assertThat(cache.isVerified(txs.get(2).id())).isTrue();
        assertThat(cache.isVerified(Hash.ZERO)).isFalse();
    }

    private Rule headerRule(List<BlockHeader> headers) {
        try {
            chain.checkHeaderChain(headers);
        } catch (RuleViolation v) {
            return v.rule();
        }
        throw new AssertionError("the header chain was accepted");
    }
}
