package org.powchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;
import org.powchain.wallet.KeyFile;
import org.powchain.wallet.NodeClient;
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
            NodeClient.Account account = new NodeClient(node).account(address);
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

        @Option(names = "--fee", defaultValue = "0", description = "Fee for the miner (default: ${DEFAULT-VALUE}).")
        long fee;

        @Option(names = "--node", defaultValue = "http://localhost:5000", description = "Node URL (default: ${DEFAULT-VALUE}).")
        String node;

        @Option(names = "--network", paramLabel = "ID",
                description = "Sign for this network id only (16 hex digits, see /api/v1/node); default: the node's.")
        String network;

        @Override
        void run(PrintWriter out) throws IOException {
            if (amount <= 0 || fee < 0) {
                throw new IllegalArgumentException("--amount must be positive and --fee not negative");
            }
            Address recipient = recipient(to);
            Keys keys = keys();
            NodeClient client = new NodeClient(node);
            NetworkId signFor = network == null ? client.network() : NetworkId.fromHex(network);
            AccountTransaction tx = AccountTransaction.signed(signFor, keys, recipient, amount, fee,
                    client.account(keys.address()).nextNonce());
            JsonNode accepted = client.submit(tx);
            out.printf("sent %s: %d to %s, fee %d, nonce %d, network %s%n",
                    accepted.path("id").asText(tx.id().toHex()), amount, recipient.toHex(), fee, tx.nonce(), signFor);
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
