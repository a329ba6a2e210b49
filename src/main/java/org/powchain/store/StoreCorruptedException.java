package org.powchain.store;

import java.nio.file.Path;

/**
 * What is stored contradicts itself: a damaged or truncated database file, a block whose bytes do
 * not hash to its key, a ledger that does not match its checksum. The node refuses to start on
 * it rather than run a wrong chain; the message names the way out.
 */
public final class StoreCorruptedException extends StoreException {
    public StoreCorruptedException(Path dataDir, String what, Throwable cause) {
        super(message(dataDir, what), cause);
    }

    public StoreCorruptedException(Path dataDir, String what) {
        super(message(dataDir, what));
    }

    private static String message(Path dataDir, String what) {
        String dir = dataDir == null ? "the store" : "the database in " + dataDir;
        return dir + " is damaged: " + what + ". Start the node again with --reindex to rebuild the chain from the"
                + " blocks that can still be read (the damaged file is kept aside), or move the data dir away to start"
                + " from genesis and sync from peers.";
    }
}
