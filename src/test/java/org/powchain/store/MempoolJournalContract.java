package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;

/** What every {@link MempoolJournal} promises, whatever the engine. */
abstract class MempoolJournalContract extends StoreContract {

    @Test
    void keepsTransactionsInTheOrderSavedEachOnce() {
        MempoolJournal journal = store.mempool();
        AccountTransaction t1 = AccountTransaction.signed(NET, A, C, 1, 0, 0);
        AccountTransaction t2 = AccountTransaction.signed(NET, A, C, 1, 0, 1);
        AccountTransaction t3 = AccountTransaction.signed(NET, B, C, 1, 0, 0);
        journal.add(t2);
        journal.add(t1);
        journal.add(t3);
        journal.add(t1);

        assertThat(journal.load()).containsExactly(t2, t1, t3);
    }

    @Test
    void forgetsMinedTransactionsAndSavesReturnedOnes() {
        MempoolJournal journal = store.mempool();
        AccountTransaction t1 = AccountTransaction.signed(NET, A, C, 1, 0, 0);
        AccountTransaction t2 = AccountTransaction.signed(NET, A, C, 1, 0, 1);
        AccountTransaction t3 = AccountTransaction.signed(NET, B, C, 1, 0, 0);
        journal.add(t1);
        journal.add(t2);

        journal.update(Set.of(t1.id(), t2.id()), List.of(t3));
        assertThat(journal.load()).containsExactly(t3);

        journal.update(Set.of(), List.of(t1, t2, t3));
        assertThat(journal.load()).containsExactly(t3, t1, t2);

        journal.replaceAll(List.of(t2));
        assertThat(journal.load()).containsExactly(t2);
    }

    @Test
    void everyTransactionSavedFromManyThreadsAtOnceIsKept() throws Exception {
        MempoolJournal journal = store.mempool();
        List<AccountTransaction> txs = new ArrayList<>();
        for (int sender = 0; sender < 8; sender++) {
            Keys keys = Keys.demo("u" + sender);
            for (int nonce = 0; nonce < 50; nonce++) {
                txs.add(AccountTransaction.signed(NET, keys, C, 1, 0, nonce));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            txs.forEach(t -> done.add(threads.submit(() -> journal.add(t))));
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(journal.load()).containsExactlyInAnyOrderElementsOf(txs);
    }
}
