package org.powchain.consensus;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.powchain.core.AccountState;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Transaction;

/**
 * The account model's block rule ({@link AccountLedger#apply}): applies a block's transfers to the
 * ledger, in order, and says what changed. Pure: the current ledger comes in as a view, the change
 * goes out as a value the chain layer stores.
 * Signatures are not checked here (see {@link TransactionRules#checkSignature}); everything
 * that depends on state is: nonces, balances (no overspend inside a block or across the chain)
 * and the coinbase amount.
 */
public final class LedgerRules {
    private LedgerRules() {}

    public static AccountChange apply(ConsensusParams params, Block block, int height,
                                      Function<Address, AccountState> state) throws RuleViolation {
        Map<Address, AccountState> before = new HashMap<>();
        Map<Address, AccountState> after = new LinkedHashMap<>();
        Function<Address, AccountState> current = a -> after.containsKey(a) ? after.get(a)
                : before.computeIfAbsent(a, state);

        if (height == 0) { // genesis: every transaction is an allocation
            for (Transaction tx : block.transactions()) {
                credit(after, current, AccountLedger.transfer(tx).to(), AccountLedger.transfer(tx).amount());
            }
            return new AccountChange(before, after);
        }

        long fees = 0;
        for (Transaction t : block.transactions().subList(1, block.transactions().size())) {
            AccountTransaction tx = AccountLedger.transfer(t);
            AccountState sender = current.apply(tx.sender());
            TransactionRules.checkAgainstSender(tx, sender, 0, 0);
            after.put(tx.sender(), new AccountState(sender.balance() - tx.amount() - tx.fee(), sender.nonce() + 1));
            credit(after, current, tx.to(), tx.amount());
            fees += tx.fee(); // cannot overflow: every fee was paid out of a balance
        }
        AccountTransaction coinbase = AccountLedger.transfer(block.transactions().get(0));
        long expected = params.blockReward() + fees;
        if (coinbase.amount() != expected || coinbase.nonce() != height) {
            throw new RuleViolation(Rule.BAD_COINBASE, "coinbase pays " + coinbase.amount() + " at height "
                    + coinbase.nonce() + "; expected " + expected + " (reward " + params.blockReward()
                    + " + fees " + fees + ") at height " + height);
        }
        credit(after, current, coinbase.to(), coinbase.amount());
        return new AccountChange(before, after);
    }

    private static void credit(Map<Address, AccountState> after, Function<Address, AccountState> current,
                               Address to, long amount) throws RuleViolation {
        AccountState s = current.apply(to);
        if (s.balance() > Long.MAX_VALUE - amount) {
            throw new RuleViolation(Rule.BALANCE_OVERFLOW, "balance of " + to + " would overflow");
        }
        after.put(to, new AccountState(s.balance() + amount, s.nonce()));
    }
}
