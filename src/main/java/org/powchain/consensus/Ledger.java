package org.powchain.consensus;

import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;
import org.powchain.core.NetworkId;
import org.powchain.core.Parties;
import org.powchain.core.Transaction;

/**
 * A ledger model: what a transaction is and what it does to the ledger. The account model
 * ({@link AccountLedger}, balances and nonces, as the original node) is one; the UTXO model
 * ({@link UtxoLedger}, unspent outputs, as Bitcoin) is another; {@link Ledgers} knows them by
 * name. The chain, block storage and p2p hold transactions as {@link Transaction}s and the ledger
 * as a {@link LedgerView} of opaque entries, and ask the model (chosen by
 * {@link ConsensusParams#ledger()}, so part of the network id) for everything else.
 * Pure functions, no I/O. See docs/concepts/ledger-models.md.
 */
public interface Ledger extends Transaction.Decoder, LedgerView.Owners {

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

    /**
     * Checks of a whole block's transactions that need no ledger, after each has passed its own
     * ({@code BlockValidator.checkBody} calls it): what only their combination can break. The UTXO
     * model refuses an output spent by two of them here (Rule#DOUBLE_SPEND).
     */
    void checkBody(List<Transaction> txs, NetworkId network) throws RuleViolation;

    /** Its signatures verify (the costly part: the chain caches and parallelises it). */
    void checkSignature(Transaction tx) throws RuleViolation;

    /**
     * Applies {@code block} at {@code height} to {@code ledger}, checking every rule that depends on
     * the ledger (signatures excepted), and says what changed: the entries after, and before as the
     * undo record. Genesis (height 0) is applied the same way. Refuses by itself anything that would
     * make the change wrong, whatever checks ran before it.
     */
    LedgerChange apply(ConsensusParams params, Block block, int height, LedgerView ledger) throws RuleViolation;

    /** Every coin the ledger holds: genesis plus one reward per block, whatever the model (checked on start-up). */
    BigInteger coins(LedgerView ledger);

    /** Whom {@code tx} moves coins between: what the indexes, the light client and the explorer show. */
    Parties parties(Transaction tx);

    /** The address whose coins the entry {@code key -> value} holds: the owner index of {@link LedgerView}. */
    @Override
    Address ownerOf(Bytes key, Bytes value);

    /** What {@code address} may spend in {@code ledger} (read through its owner index where the model needs one). */
    long balance(LedgerView ledger, Address address);

    /**
     * {@code address}'s state as named fields, after the balance: what {@code getbalance} adds to
     * {@code {"account","address","balance"}} (the account model its nonce; the UTXO model how many
     * unspent outputs make the balance).
     */
    void describeAccount(LedgerView ledger, Address address, TransactionCodec.Fields out);

    /**
     * What this model adds to the bytes the network id is made of, after the parameters every model
     * shares: its name and every parameter only it reads. The account model, which every network
     * had before there was a choice, adds nothing, so that existing networks keep their id.
     */
    void encodeParams(ConsensusParams params, DataOutput out) throws IOException;

    /**
     * The parameters only this model reads as text, each as {@code ", name=value"} (the UTXO model's
     * {@code ", coinbaseMaturity=10"}; the account model's nothing): what the record a data dir keeps
     * of its network adds after the model's name. A parameter this model does not read is not in
     * it, so that it never makes a data dir of this model "another network".
     */
    String describeParams(ConsensusParams params);
}
