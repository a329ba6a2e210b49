package org.powchain.consensus;

import org.powchain.core.Codes;

/**
 * Every way a block or a transaction can break the rules. Each names one check in one place
 * ({@link BlockValidator}, {@link TransactionRules}, {@link LedgerRules}, {@link UtxoRules}); the
 * HTTP layer shows its {@link #code()}, the network layer scores peers by it, and tests assert on it.
 */
public enum Rule {
    // header
    HIGH_HASH(422, "the block hash is above the target its bits claim"),
    BAD_BITS(422, "bits differ from the difficulty the chain requires"),
    BAD_VERSION(422, "unknown block version"),
    TIME_TOO_OLD(422, "timestamp not after the median of the last 11 blocks"),
    TIME_TOO_NEW(422, "timestamp more than 2 minutes in the future"),
    UNKNOWN_PARENT(422, "the parent block is unknown"),
    INVALID_ANCESTOR(422, "the block builds on a block known to be invalid"),
    // body
    BAD_MERKLE_ROOT(422, "the Merkle root does not match the transactions"),
    BLOCK_TOO_LARGE(422, "the block exceeds the size limit"),
    NO_COINBASE(422, "the first transaction is not a coinbase"),
    EXTRA_COINBASE(422, "more than one coinbase"),
    BAD_COINBASE(422, "the coinbase pays the wrong amount or carries the wrong height"),
    NONCANONICAL_COINBASE(422, "the coinbase must have fee 0 and an all-zero key and signature"),
    DUPLICATE_TX(422, "the same transaction appears twice"),
    // transactions
    BAD_AMOUNT(422, "amount must be a positive whole number"),
    BAD_FEE(422, "fee must be zero or more, and amount + fee must fit in 64 bits"),
    WRONG_NETWORK(422, "the transaction was signed for another network"),
    BAD_SIGNATURE(422, "the signature does not match the sender's public key"),
    BAD_NONCE(422, "the nonce is not the sender's next one"),
    INSUFFICIENT_FUNDS(422, "the sender cannot pay amount + fee"),
    BALANCE_OVERFLOW(422, "a balance would overflow 64 bits"),
    // transactions of the UTXO model (UtxoRules)
    NO_OUTPUTS(422, "a transaction must create at least one output"),
    DUPLICATE_INPUT(422, "a transaction spends the same output twice"),
    DOUBLE_SPEND(422, "two transactions of one block spend the same output"),
    INPUT_MISSING_OR_SPENT(422, "an input spends an output that does not exist or is already spent"),
    WRONG_INPUT_AMOUNT(422, "an input states an amount other than what the output it spends holds"),
    KEY_NOT_OWNER(422, "an input's public key does not hash to the owner of the output it spends"),
    IMMATURE_COINBASE(422, "a coinbase's output is spent before it has matured"),
    OUTPUTS_EXCEED_INPUTS(422, "the outputs are worth more than the inputs"),
    AMOUNT_OVERFLOW(422, "a sum of amounts would overflow 64 bits"),
    ALREADY_KNOWN(409, "already known"),
    MEMPOOL_FULL(409, "the mempool is full and the fee is too low to displace anything");

    private final int httpStatus;
    private final String description;

    Rule(int httpStatus, String description) {
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** The code shown to users and peers, e.g. {@code insufficient-funds}. */
    public String code() {
        return Codes.of(this);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String description() {
        return description;
    }
}
