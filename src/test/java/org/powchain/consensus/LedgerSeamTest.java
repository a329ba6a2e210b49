package org.powchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Bytes;
import org.powchain.core.Keys;
import org.powchain.core.LedgerChange;
import org.powchain.core.LedgerView;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Parties;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;

/**
 * The seam, as both models answer it: the registry by name, what each adds to the network id, who
 * a transaction touches and pays, the owner of a ledger entry and a balance read through the index.
 */
@Tag("unit")
class LedgerSeamTest {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final ConsensusParams ACCOUNTS = ConsensusParams.forTests();
    static final ConsensusParams UTXOS = ConsensusParams.forTests().withLedger(UtxoLedger.INSTANCE);

    @Test
    void theRegistryKnowsEachModelByItsNameAndTheDefaultFirst() {
        assertThat(Ledgers.names()).containsExactly("account", "utxo");
        assertThat(Ledgers.byName("utxo")).isSameAs(UtxoLedger.INSTANCE);
        assertThat(Ledgers.DEFAULT).isSameAs(AccountLedger.INSTANCE).isSameAs(ConsensusParams.defaults().ledger());
        assertThat(Ledgers.named("bitcoin")).isEmpty();
        assertThatThrownBy(() -> Ledgers.byName("bitcoin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no ledger model 'bitcoin'; there are account, utxo");
        for (String name : Ledgers.names()) {
            assertThat(Ledgers.byName(name).name()).isEqualTo(name);
        }
    }

    /** Networks made before there was a choice keep their id; a UTXO network's id has its model and maturity. */
    @Test
    void eachModelWritesItsShareOfTheNetworkId() {
        assertThat(new String(ACCOUNTS.encode(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("account");
        assertThat(ACCOUNTS.toString()).endsWith(", ledger=account]");
        assertThat(UTXOS.toString()).endsWith(", ledger=utxo, coinbaseMaturity=10]");
        byte[] utxo = UTXOS.encode();
        assertThat(utxo).startsWith(ACCOUNTS.encode());
        assertThat(utxo.length - ACCOUNTS.encode().length).isEqualTo(2 + 4 + 4); // "utxo" in modified UTF-8, then the maturity
        assertThat(Genesis.networkId(UTXOS)).isNotEqualTo(Genesis.networkId(ACCOUNTS));
        assertThat(Genesis.networkId(UTXOS.withCoinbaseMaturity(3))).isNotEqualTo(Genesis.networkId(UTXOS));
        assertThat(Genesis.networkId(ACCOUNTS.withCoinbaseMaturity(3))).isEqualTo(Genesis.networkId(ACCOUNTS));
    }

    @Test
    void aUtxoGenesisIsOneCoinbasePerAllocationSpendableAtOnce() throws RuleViolation {
        Block genesis = Genesis.block(UTXOS);
        assertThat(genesis.transactions()).hasSize(2).allMatch(Transaction::isCoinbase).allMatch(t -> t instanceof UtxoTransaction);
        LedgerChange change = UtxoLedger.INSTANCE.apply(UTXOS, genesis, 0, LedgerView.EMPTY);
        LedgerView set = LedgerView.of(change.after(), UtxoLedger.INSTANCE);
        assertThat(UtxoLedger.INSTANCE.balance(set, A.address())).isEqualTo(1000);
        assertThat(UtxoLedger.INSTANCE.coins(set)).isEqualTo(java.math.BigInteger.valueOf(2000));
        OutPoint aCoin = UtxoLedger.transfer(genesis.transactions().get(0)).outpoint(0);
        assertThat(UtxoLedger.unspent(set, A.address())).containsOnlyKeys(aCoin);
        assertThat(UtxoLedger.unspent(set, A.address()).get(aCoin).coinbase()).isFalse();
        assertThat(change.before()).allSatisfy((k, v) -> assertThat(v).isEqualTo(Bytes.EMPTY));
    }

    @Test
    void eachModelSaysWhomATransactionPays() {
        NetworkId net = Genesis.networkId(ACCOUNTS);
        Address c = Keys.demo("C").address();
        Parties account = AccountLedger.INSTANCE.parties(AccountTransaction.signed(net, A, B.address(), 100, 1, 0));
        assertThat(account.payers()).containsExactly(A.address());
        assertThat(account.paid()).containsExactly(Map.entry(B.address(), 100L));
        assertThat(account.touched()).containsExactly(A.address(), B.address());
        assertThat(AccountLedger.INSTANCE.parties(AccountTransaction.coinbase(c, 50, 3)).payers()).isEmpty();

        OutPoint coin = new OutPoint(org.powchain.core.Hash.fromHex("ab".repeat(32)), 0);
        UtxoTransaction t = UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(coin, 1000, A)),
                List.of(new TxOutput(100, B.address()), new TxOutput(30, c), new TxOutput(860, A.address()),
                        new TxOutput(5, B.address())));
        Parties utxo = UtxoLedger.INSTANCE.parties(t);
        assertThat(utxo.payers()).isEqualTo(Set.of(A.address()));
        assertThat(utxo.paid()).containsExactly(Map.entry(B.address(), 105L), Map.entry(c, 30L), Map.entry(A.address(), 860L));
        assertThat(utxo.paidTo(B.address())).isEqualTo(105);
        assertThat(utxo.touches(c)).isTrue();
        assertThat(utxo.touches(Keys.demo("D").address())).isFalse();
        assertThat(UtxoLedger.INSTANCE.parties(UtxoTransaction.coinbase(4, List.of(new TxOutput(50, c)))).touched())
                .containsExactly(c);
    }

    /** {@code UtxoRules.apply} assumed a same-block double-spend check ran; BlockValidator now runs the model's. */
    @Test
    void theBlockBodyHookRefusesTwoSpendsOfOneOutput() {
        org.powchain.chain.ChainBuilder chain = new org.powchain.chain.ChainBuilder(UTXOS);
        NetworkId net = chain.network();
        OutPoint aCoin = UtxoLedger.transfer(chain.genesis().transactions().get(0)).outpoint(0);
        UtxoTransaction toB = UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(aCoin, 1000, A)),
                List.of(new TxOutput(1000, B.address())));
        UtxoTransaction toA = UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(aCoin, 1000, A)),
                List.of(new TxOutput(1000, A.address())));
        Block twice = chain.child(chain.genesis(), toB, toA);
        ConsensusRulesTest.assertRule(() -> BlockValidator.checkBody(UTXOS, net, twice), Rule.DOUBLE_SPEND);
        Block once = chain.child(chain.genesis(), toB);
        org.assertj.core.api.Assertions.assertThatCode(() -> BlockValidator.checkBody(UTXOS, net, once))
                .doesNotThrowAnyException();
        // the account model has nothing to check there
        org.assertj.core.api.Assertions.assertThatCode(() -> AccountLedger.INSTANCE.checkBody(List.of(), net))
                .doesNotThrowAnyException();
    }

    @Test
    void anEntrysOwnerAndABalanceAreTheModelsReading() {
        Bytes key = org.powchain.core.AccountState.key(A.address());
        assertThat(AccountLedger.INSTANCE.ownerOf(key, new org.powchain.core.AccountState(5, 1).encode())).isEqualTo(A.address());
        LedgerView accounts = LedgerView.of(Map.of(key, new org.powchain.core.AccountState(5, 1).encode()), AccountLedger.INSTANCE);
        assertThat(AccountLedger.INSTANCE.balance(accounts, A.address())).isEqualTo(5);
        assertThat(accounts.ownedBy(A.address())).containsOnlyKeys(key);
        assertThat(accounts.ownedBy(B.address())).isEmpty();
        assertThatThrownBy(() -> LedgerView.of(Map.of()).ownedBy(A.address())).isInstanceOf(IllegalStateException.class);
    }
}
