package org.powchain.consensus;

import java.math.BigInteger;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;
import org.powchain.core.NetworkId;
import org.powchain.core.Transaction;

/**
 * A ledger model: what a transaction is and what it does to the ledger. The account model
 * ({@link AccountLedger}, balances and nonces, as the original node) is one; a UTXO model is
 * another. The chain, block storage and p2p hold transactions as {@link Transaction}s and the
 * ledger as a {@link LedgerView} of opaque entries, and ask the model (chosen by
 * {@link ConsensusParams#ledger()}, so part of the network id) for everything else.
 * Pure functions, no I/O. See docs/concepts/ledger-models.md.
 */
public interface Ledger extends Transaction.Decoder {

    /** The name {@code --ledger} and the network id know the model by. */
    String name();

    /** This model's transaction from its canonical bytes; throws IllegalArgumentException if they are not one. */
    @Override
    Transaction decode(byte[] bytes);

    /** This model's transactions as JSON fields: the one codec the API, the wire, the wallet and the light client share. */
    TransactionCodec codec();

    /** The fewest bytes one of this model's transactions takes: what bounds how many a block can hold. */
    int minTransactionSize();

    /** The canonical coinbase of a block at {@code height}: {@code amount} new coins for {@code miner}. */
    Transaction coinbase(Address miner, long amount, int height);

    /** The coinbase has its one canonical form (nothing a miner could vary without changing what it does). */
    void checkCoinbaseForm(Transaction coinbase) throws RuleViolation;

    /** Checks of a transaction other than the coinbase that need nothing but itself and the network it belongs to. */
    void checkWellFormed(Transaction tx, NetworkId network) throws RuleViolation;

    /** Its signatures verify (the costly part: the chain caches and parallelises it). */
    void checkSignature(Transaction tx) throws RuleViolation;

    /**
     * Applies {@code block} at {@code height} to {@code ledger}, checking every rule that depends on
     * the ledger (signatures excepted), and says what changed: the entries after, and before as the
     * undo record. Genesis (height 0) is applied the same way.
     */
    LedgerChange apply(ConsensusParams params, Block block, int height, LedgerView ledger) throws RuleViolation;

    /** Every coin the ledger holds: genesis plus one reward per block, whatever the model (checked on start-up). */
    BigInteger coins(LedgerView ledger);
}
