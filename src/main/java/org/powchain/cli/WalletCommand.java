package org.powchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Map;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.CoinSelection;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;
import org.powchain.wallet.KeyFile;
import org.powchain.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code powchain wallet ...}: a key pair of your own, and transactions signed with it on this
 * machine. Unlike the demo accounts, nobody else can spend from it.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "Your own Ed25519 key pair: create it, see its balance, send coins signed locally.",
        subcommands = {WalletCommand.New.class, WalletCommand.ShowAddress.class, WalletCommand.Balance.class,
                WalletCommand.Send.class})
final class WalletCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("choose one: powchain wallet new | address | balance | send   (--help on each)");
    }

    /** Shared by the subcommands: where output goes (tests capture it) and how failures read. */
    abstract static class Sub implements Callable<Integer> {
        @Option(names = "--key-file", defaultValue = "${sys:user.home}/.powchain/wallet.key",
                description = "Where the key pair lives (default: ${DEFAULT-VALUE}).")
        Path keyFile;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            try {
                run(spec.commandLine().getOut());
                return 0;
            } catch (NodeClient.Refused e) {
                spec.commandLine().getErr().println("refused by the node: " + e.getMessage());
                return 1;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }

        abstract void run(PrintWriter out) throws IOException;

        Keys keys() throws IOException {
            return KeyFile.read(keyFile);
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Create a new key pair in the key file (never overwrites one).")
    static final class New extends Sub {
        @Override
        void run(PrintWriter out) throws IOException {
            Keys keys = KeyFile.create(keyFile);
            out.println("address:  " + keys.address().toHex());
            out.println("key file: " + keyFile + " (mode 600: whoever reads it can spend your coins)");
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Print the wallet's address (give it to whoever pays you).")
    static final class ShowAddress extends Sub {
        @Override
        void run(PrintWriter out) throws IOException {
            out.println(keys().address().toHex());
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Ask a node for the wallet's balance.")
    static final class Balance extends Sub {
        @Option(names = "--node", defaultValue = "http://localhost:5000", description = "Node URL (default: ${DEFAULT-VALUE}).")
        String node;

        @Override
        void run(PrintWriter out) throws IOException {
            Address address = keys().address();
            NodeClient client = new NodeClient(node);
            NodeClient.Account account = client.account(address);
            if (client.network().ledger() instanceof UtxoLedger) {
                Map<OutPoint, UnspentOutput> coins = client.spendable(address);
                out.printf("%s: balance %d in unspent outputs, %d of them (%d coins) spendable now%n", address.toHex(),
                        account.balance(), coins.size(), coins.values().stream().mapToLong(UnspentOutput::amount).sum());
                coins.forEach((o, u) -> out.printf("  %s  %d%n", o, u.amount()));
                return;
            }
            out.printf("%s: balance %d, nonce %d (next %d: %d transaction(s) not mined yet)%n", address.toHex(),
                    account.balance(), account.nonce(), account.nextNonce(), account.nextNonce() - account.nonce());
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Sign a transaction here and hand it to a node (the private key stays here).")
    static final class Send extends Sub {
        @Option(names = "--to", required = true, paramLabel = "ADDRESS",
                description = "A 40-hex address, or a demo account name such as B.")
        String to;

        @Option(names = "--amount", required = true, description = "Whole coins to send (> 0).")
        long amount;

        @Option(names = "--fee", description = "Fee for the miner, account model (default: 0).")
        Long fee;

        @Option(names = "--fee-rate", paramLabel = "COINS", description = "UTXO model: fee for the miner in coins per"
                + " 1000 bytes of the transaction, which grows with every coin spent (default: 0).")
        Long feeRate;

        @Option(names = "--node", defaultValue = "http://localhost:5000", description = "Node URL (default: ${DEFAULT-VALUE}).")
        String node;

        @Option(names = "--network", paramLabel = "ID",
                description = "Sign for this network id only (16 hex digits, see /api/v1/node); default: the node's.")
        String network;

        @Override
        void run(PrintWriter out) throws IOException {
            long f = fee == null ? 0 : fee;
            if (amount <= 0 || f < 0 || (feeRate != null && feeRate < 0)) {
                throw new IllegalArgumentException("--amount must be positive, --fee and --fee-rate not negative");
            }
            Address recipient = recipient(to);
            Keys keys = keys();
            NodeClient client = new NodeClient(node);
            NodeClient.Network net = client.network();
            NetworkId signFor = network == null ? net.id() : NetworkId.fromHex(network);
            if (net.ledger() instanceof UtxoLedger) {
                sendFromCoins(out, client, net.ledger(), signFor, keys, recipient);
                return;
            }
            if (feeRate != null) {
                throw new IllegalArgumentException("--fee-rate is for a node of the utxo ledger model; this one keeps accounts:"
                        + " give --fee");
            }
            AccountTransaction tx = AccountTransaction.signed(signFor, keys, recipient, amount, f,
                    client.account(keys.address()).nextNonce());
            JsonNode accepted = client.submit(tx);
            out.printf("sent %s: %d to %s, fee %d, nonce %d, network %s%n",
                    accepted.path("id").asText(tx.id().toHex()), amount, recipient.toHex(), f, tx.nonce(), signFor);
        }

        /**
         * The UTXO model: the wallet picks its own coins (largest first), pays the amount, sends the
         * change back to itself and signs every input here; the node only relays.
         */
        private void sendFromCoins(PrintWriter out, NodeClient client, org.powchain.consensus.Ledger model,
                                   NetworkId signFor, Keys keys, Address recipient) throws IOException {
            if (fee != null) {
                throw new IllegalArgumentException("in the utxo ledger model a fee follows the transaction's size: give"
                        + " --fee-rate (coins per 1000 bytes) instead of --fee");
            }
            CoinSelection.Policy policy = CoinSelection.Policy.DEFAULT.atRate(feeRate == null ? 0 : feeRate);
            Map<OutPoint, UnspentOutput> coins = client.spendable(keys.address());
            CoinSelection.Selection chosen = CoinSelection.largestFirst(coins, amount, policy).orElseThrow(() ->
                    new IllegalArgumentException("not enough to pay " + amount + ": " + coins.size() + " spendable outputs hold "
                            + coins.values().stream().mapToLong(UnspentOutput::amount).sum()));
            UtxoTransaction tx = CoinSelection.pay(signFor, keys, chosen, recipient);
            JsonNode accepted = client.submit(tx, model);
            out.printf("coins chosen largest first: %d of %d spendable%n", chosen.coins().size(), coins.size());
            chosen.coins().forEach((o, u) -> out.printf("  spend  %s  %d%n", o, u.amount()));
            out.printf("  pay    %d to %s%n", chosen.amount(), recipient.toHex());
            out.printf("  change %s%n", chosen.change() > 0 ? chosen.change() + " back to " + keys.address().toHex()
                    : "none" + (chosen.fee() > policy.fee(chosen.coins().size(), 1)
                            ? " (what was left is under the dust floor of " + policy.dustFloor() + ": it joins the fee)" : ""));
            out.printf("  fee    %d (%d bytes at %d per 1000)%n", chosen.fee(), tx.size(), policy.feePerKilobyte());
            out.printf("sent %s (txid %s), network %s%n", accepted.path("id").asText(tx.id().toHex()), tx.txid().toHex(),
                    signFor);
        }

        private static Address recipient(String to) {
            if (Address.isAddress(to)) {
                return Address.fromHex(to);
            }
            if (Keys.isDemoName(to)) {
                return Keys.demo(to).address();
            }
            throw new IllegalArgumentException("--to must be a 40-hex address or a demo account name, got " + to);
        }
    }
}
