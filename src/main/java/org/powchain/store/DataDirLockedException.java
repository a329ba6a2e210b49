package org.powchain.store;

/** Another node holds the data dir: two nodes writing one database would corrupt it. */
public final class DataDirLockedException extends StoreException {
    public DataDirLockedException(String message) {
        super(message);
    }
}
