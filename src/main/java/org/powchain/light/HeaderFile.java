package org.powchain.light;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.powchain.core.BlockHeader;

/**
 * The light client's headers on disk: {@value #NAME} in its data dir, the 88 bytes of each header of
 * its chain one after the other, genesis first, so the file is 88 bytes a block and the header at
 * height h starts at byte 88·h. A reorg cuts the file back to the fork and appends the new branch.
 * On load every header is checked again ({@link HeaderChain#extend}); a torn last record (a kill
 * mid-write) or a header that fails is dropped with what follows, and fetched again from a node.
 */
public final class HeaderFile {
    public static final String NAME = "headers.dat";
    private final Path file;

    public HeaderFile(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.file = dataDir.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** The chain the file holds, checked; just genesis for a new data dir. */
    public HeaderChain load(HeaderChain empty, long nowMillis) throws IOException {
        if (!Files.exists(file)) {
            return empty;
        }
        byte[] bytes = Files.readAllBytes(file);
        List<BlockHeader> headers = new ArrayList<>(bytes.length / BlockHeader.SIZE);
        for (int off = BlockHeader.SIZE; off + BlockHeader.SIZE <= bytes.length; off += BlockHeader.SIZE) {
            byte[] one = new byte[BlockHeader.SIZE];
            System.arraycopy(bytes, off, one, 0, BlockHeader.SIZE);
            headers.add(BlockHeader.decode(one));
        }
        boolean sameGenesis = bytes.length >= BlockHeader.SIZE
                && BlockHeader.decode(java.util.Arrays.copyOf(bytes, BlockHeader.SIZE)).equals(empty.headerAt(0));
        if (!sameGenesis) {
            throw new IOException(file + " holds the headers of another chain (another genesis, or other --difficulty):"
                    + " use another --data-dir");
        }
        HeaderChain.Branch branch = empty.at(0);
        for (int from = 0; from < headers.size(); from += 2_000) {
            try {
                branch = empty.extend(branch, headers.subList(from, Math.min(headers.size(), from + 2_000)), nowMillis);
            } catch (HeaderChain.BadHeader bad) {
                break; // keep what checked out; the rest comes again from the nodes
            }
            empty.adopt(branch);
            branch = empty.at(empty.height());
        }
        return empty;
    }

    /** Makes the file hold {@code chain}: keeps the first {@code unchangedBelow} headers, rewrites the rest. */
    public void save(HeaderChain chain, int unchangedBelow) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long keep = Math.min(out.size() / BlockHeader.SIZE, unchangedBelow);
            out.truncate(keep * BlockHeader.SIZE);
            List<BlockHeader> rest = chain.headersFrom((int) keep);
            ByteBuffer buf = ByteBuffer.allocate(rest.size() * BlockHeader.SIZE);
            rest.forEach(h -> buf.put(h.encode()));
            buf.flip();
            out.position(keep * BlockHeader.SIZE);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(false);
        }
    }
}
