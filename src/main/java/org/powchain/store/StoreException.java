package org.powchain.store;

/** The store could not read or write its files. The message says what failed and where. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /**
     * A data dir holding a chain of the ledger model {@code made}, opened by a node of the model
     * {@code ours}: refused, naming both and the way out.
     */
    public static StoreException otherLedger(String made, String ours) {
        return new StoreException("the data dir holds a chain of the " + made + " ledger model; this node runs the " + ours
                + " ledger model. A chain keeps the model it was made with: start this node with --ledger " + made
                + " (or without --ledger), or give it another --data-dir for a chain of the " + ours + " model");
    }
}
