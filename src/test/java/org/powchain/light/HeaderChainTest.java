package org.powchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.chain.ChainBuilder;
import org.powchain.consensus.Rule;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Target;

@Tag("unit")
class HeaderChainTest {
    final ChainBuilder b = new ChainBuilder();

    static List<BlockHeader> headers(List<Block> blocks) {
        return blocks.stream().map(Block::header).toList();
    }

    HeaderChain chainOf(List<Block> blocks) throws HeaderChain.BadHeader {
        HeaderChain c = new HeaderChain(b.params());
        assertThat(c.adopt(c.extend(c.at(0), headers(blocks), b.now()))).isPresent();
        return c;
    }

    @Test
    void takesAValidChainAcrossRetargetsAndKeepsItsTip() throws Exception {
        List<Block> main = b.extend(b.genesis(), 25); // retargets at 10 and 20
        HeaderChain c = chainOf(main);
        assertThat(c.height()).isEqualTo(25);
        assertThat(c.tipHash()).isEqualTo(main.get(24).hash());
        assertThat(c.heightOf(main.get(9).hash())).contains(10);
    }

    @Test
    void refusesAHeaderAtTheWrongDifficultyEvenIfItMeetsItsOwnBits() throws Exception {
        Block ok = b.child(b.genesis());
        int harder = Target.bitsForLeadingZeros(6); // more work per block than the rules allow here
        Block wrong = b.child(ok, List.of(), h -> new BlockHeader(h.version(), h.previousHash(), h.merkleRoot(),
                h.timestamp(), harder, h.nonce()));
        HeaderChain c = new HeaderChain(b.params());
        assertThatThrownBy(() -> c.extend(c.at(0), List.of(ok.header(), wrong.header()), b.now()))
                .isInstanceOfSatisfying(HeaderChain.BadHeader.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.BAD_BITS);
                    assertThat(e.height()).isEqualTo(2);
                });
        assertThat(c.height()).isZero();
    }

    @Test
    void refusesHeadersThatDoNotLinkOrLackProofOfWork() throws Exception {
        List<Block> main = b.extend(b.genesis(), 3);
        HeaderChain c = new HeaderChain(b.params());
        assertThatThrownBy(() -> c.extend(c.at(0), List.of(main.get(0).header(), main.get(2).header()), b.now()))
                .isInstanceOfSatisfying(HeaderChain.BadHeader.class, e -> assertThat(e.rule()).isEqualTo(Rule.UNKNOWN_PARENT));
        BlockHeader h = main.get(0).header();
        BlockHeader noWork = h.withNonce(h.nonce() + 1);
        while (Target.meets(noWork.hash(), noWork.bits())) {
            noWork = noWork.withNonce(noWork.nonce() + 1);
        }
        BlockHeader bad = noWork;
        assertThatThrownBy(() -> c.extend(c.at(0), List.of(bad), b.now()))
                .isInstanceOfSatisfying(HeaderChain.BadHeader.class, e -> assertThat(e.rule()).isEqualTo(Rule.HIGH_HASH));
    }

    @Test
    void switchesToABranchWithMoreWorkAndIgnoresOneWithLess() throws Exception {
        List<Block> main = b.extend(b.genesis(), 5);
        HeaderChain c = chainOf(main);
        List<Block> shorter = b.extend(main.get(1), 2); // heights 3..4: less work
        assertThat(c.adopt(c.extend(c.at(2), headers(shorter), b.now()))).isEmpty();
        assertThat(c.tipHash()).isEqualTo(main.get(4).hash());
        List<Block> longer = b.extend(main.get(1), 4); // heights 3..6: more work
        assertThat(c.adopt(c.extend(c.at(2), headers(longer), b.now()))).contains(3);
        assertThat(c.height()).isEqualTo(6);
        assertThat(c.tipHash()).isEqualTo(longer.get(3).hash());
        assertThat(c.heightOf(main.get(4).hash())).isEmpty();
    }

    @Test
    void theHeadersFileIs88BytesABlockAndSurvivesAReorgAndATornWrite(@TempDir Path dir) throws Exception {
        List<Block> main = b.extend(b.genesis(), 12);
        HeaderFile file = new HeaderFile(dir);
        HeaderChain c = chainOf(main);
        file.save(c, 1);
        assertThat(Files.size(file.path())).isEqualTo(13L * BlockHeader.SIZE);

        List<Block> fork = b.extend(main.get(7), 7); // fork after height 8, tip at 15
        assertThat(c.adopt(c.extend(c.at(8), headers(fork), b.now()))).contains(4);
        file.save(c, 9);
        assertThat(Files.size(file.path())).isEqualTo(16L * BlockHeader.SIZE);

        Files.write(file.path(), new byte[40], StandardOpenOption.APPEND); // a kill mid-append
        HeaderChain back = file.load(new HeaderChain(b.params()), b.now());
        assertThat(back.height()).isEqualTo(15);
        assertThat(back.tipHash()).isEqualTo(fork.get(6).hash());
    }
}
