package org.powchain.consensus;

import java.io.DataOutput;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.powchain.core.AccountState;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;
import org.powchain.core.NetworkId;
import org.powchain.core.Parties;
import org.powchain.core.Transaction;

/**
 * The account model: the ledger is a balance and a nonce per address ({@link AccountState}),
 * a transaction moves coins from one account to another ({@link AccountTransaction}). The rules
 * themselves are in {@link TransactionRules} and {@link LedgerRules}; this class is their
 * {@link Ledger} face.
 */
public final class AccountLedger implements Ledger {
    public static final AccountLedger INSTANCE = new AccountLedger();
    public static final String NAME = "account";

    private AccountLedger() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transaction decode(byte[] bytes) {
        return AccountTransaction.decode(bytes);
    }

    @Override
    public TransactionCodec codec() {
        return AccountTransactionCodec.INSTANCE;
    }

    @Override
    public int minTransactionSize() {
        return AccountTransaction.SIZE;
    }

    @Override
    public Transaction coinbase(Address miner, long amount, int height) {
        return AccountTransaction.coinbase(miner, amount, height);
    }

    @Override
    public void checkCoinbaseForm(Transaction coinbase) throws RuleViolation {
        TransactionRules.checkCoinbaseForm(transfer(coinbase));
    }

    @Override
    public void checkWellFormed(Transaction tx, NetworkId network) throws RuleViolation {
        TransactionRules.checkWellFormed(transfer(tx));
        TransactionRules.checkNetwork(transfer(tx), network);
    }

    @Override
    public void checkSignature(Transaction tx) throws RuleViolation {
        TransactionRules.checkSignature(transfer(tx));
    }

    @Override
    public LedgerChange apply(ConsensusParams params, Block block, int height, LedgerView ledger) throws RuleViolation {
        return LedgerRules.apply(params, block, height, a -> AccountState.of(ledger, a)).entries();
    }

    /** Nothing: two transfers of one block meet only in the ledger (nonces, balances), which {@link #apply} checks. */
    @Override
    public void checkBody(List<Transaction> txs, NetworkId network) {}

    @Override
    public Parties parties(Transaction tx) {
        AccountTransaction t = transfer(tx);
        return new Parties(t.isCoinbase() ? Set.of() : Set.of(t.sender()), Map.of(t.to(), t.amount()));
    }

    /** An entry is an account: its key is the owner's address. */
    @Override
    public Address ownerOf(Bytes key, Bytes value) {
        return Address.of(key.toBytes());
    }

    @Override
    public long balance(LedgerView ledger, Address address) {
        return AccountState.of(ledger, address).balance();
    }

    @Override
    public void describeAccount(LedgerView ledger, Address address, TransactionCodec.Fields out) {
        out.put("nonce", AccountState.of(ledger, address).nonce());
    }

    /** Nothing, not even the name: the networks made before there was a choice of model keep their id. */
    @Override
    public void encodeParams(ConsensusParams params, DataOutput out) {}

    /** Nothing: the account model reads no parameter of its own. */
    @Override
    public String describeParams(ConsensusParams params) {
        return "";
    }

    @Override
    public BigInteger coins(LedgerView ledger) {
        return ledger.entries().values().stream().map(v -> BigInteger.valueOf(AccountState.decode(v).balance()))
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The transfers {@code block} carries, coinbase first: a block of an account-model network carries nothing else. */
    public static List<AccountTransaction> transfers(Block block) {
        return block.transactions().stream().map(AccountLedger::transfer).toList();
    }

    /** A transaction of this model: every one a block of this network carries, decoded by {@link #decode}. */
    public static AccountTransaction transfer(Transaction tx) {
        return (AccountTransaction) tx;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
