package org.powchain.consensus;

import org.powchain.core.Codes;

/**
 * Every way a block or a transaction can break the rules. Each names one check in one place
 * ({@link BlockValidator}, {@link TransactionRules}, {@link LedgerRules}, {@link UtxoRules}); the
 * HTTP layer shows its {@link #code()}, the network layer scores peers by it, and tests assert on it.
 */
public enum Rule {
    // header
    HIGH_HASH("the block hash is above the target its bits claim"),
    BAD_BITS("bits differ from the difficulty the chain requires"),
    BAD_VERSION("unknown block version"),
    TIME_TOO_OLD("timestamp not after the median of the last 11 blocks"),
    TIME_TOO_NEW("timestamp more than 2 minutes in the future"),
    UNKNOWN_PARENT("the parent block is unknown"),
    INVALID_ANCESTOR("the block builds on a block known to be invalid"),
    // body
    BAD_MERKLE_ROOT("the Merkle root does not match the transactions"),
    BLOCK_TOO_LARGE("the block exceeds the size limit"),
    NO_COINBASE("the first transaction is not a coinbase"),
    EXTRA_COINBASE("more than one coinbase"),
    BAD_COINBASE("the coinbase pays the wrong amount or carries the wrong height"),
    NONCANONICAL_COINBASE("the coinbase is not in its model's one canonical form (accounts: fee 0, an all-zero key and signature)"),
    DUPLICATE_TX("the same transaction appears twice"),
    // transactions
    BAD_AMOUNT("amount must be a positive whole number"),
    BAD_FEE("fee must be zero or more, and amount + fee must fit in 64 bits"),
    WRONG_NETWORK("the transaction was signed for another network"),
    BAD_SIGNATURE("the signature does not match the sender's public key"),
    BAD_NONCE("the nonce is not the sender's next one", Depends.ON_STATE),
    INSUFFICIENT_FUNDS("the sender cannot pay amount + fee", Depends.ON_STATE),
    BALANCE_OVERFLOW("a balance would overflow 64 bits", Depends.ON_STATE),
    // transactions of the UTXO model (UtxoRules)
    NO_OUTPUTS("a transaction must create at least one output"),
    DUPLICATE_INPUT("a transaction spends the same output twice"),
    DOUBLE_SPEND("two transactions of one block spend the same output"),
    INPUT_MISSING_OR_SPENT("an input spends an output that does not exist or is already spent", Depends.ON_STATE),
    WRONG_INPUT_AMOUNT("an input states an amount other than what the output it spends holds"),
    KEY_NOT_OWNER("an input's public key does not hash to the owner of the output it spends"),
    IMMATURE_COINBASE("a coinbase's output is spent before it has matured", Depends.ON_STATE),
    OUTPUTS_EXCEED_INPUTS("the outputs are worth more than the inputs"),
    AMOUNT_OVERFLOW("a sum of amounts would overflow 64 bits"),
    // mempool policy: not consensus (a block may hold what a full mempool turns away), but refused the same way
    ALREADY_KNOWN("already known", Depends.ON_STATE),
    MEMPOOL_CONFLICT("a pending transaction already claims what this one claims (it spends the same output)",
            Depends.ON_STATE), // of two spends of one output, an honest peer may have heard the other one first
    MEMPOOL_FULL("the mempool is full and the fee is too low to displace anything", Depends.ON_STATE);

    /** Marks a rule whose verdict on a transaction may change with the state it is checked against. */
    private interface Depends {
        boolean ON_STATE = true;
    }

    private final String description;
    private final boolean dependsOnState;

    Rule(String description) {
        this(description, false);
    }

    Rule(String description, boolean dependsOnState) {
        this.description = description;
        this.dependsOnState = dependsOnState;
    }

    /**
     * Whether a transaction breaking this rule may be valid against another state: another tip
     * (a reorg spent its input or took back the coins it spends), the mempool (it conflicts with
     * something pending, or no room is left) or time (a coinbase it spends has not matured yet).
     * A peer relaying such a transaction may be honest and merely behind or ahead of us; one
     * breaking any other rule sent something no state makes valid. {@code p2p.Misbehavior} scores
     * peers by it, so a new rule says which kind it is here, once.
     */
    public boolean dependsOnState() {
        return dependsOnState;
    }

    /** The code shown to users and peers, e.g. {@code insufficient-funds}. */
    public String code() {
        return Codes.of(this);
    }

    public String description() {
        return description;
    }
}
