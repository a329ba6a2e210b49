package org.powchain.cli;

import org.powchain.core.WallClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Ledgers;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.light.HeaderChain;
import org.powchain.light.HeaderFile;
import org.powchain.light.LightClient;
import org.powchain.client.NodeClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code powchain light ...}: a headers-only client that verifies the payments to an address
 * itself (see {@link LightClient} and docs/concepts/light-clients.md).
 */
@Command(name = "light", mixinStandardHelpOptions = true,
        description = {"A light client: keeps only block headers (88 bytes each), follows the chain with the most work"
                + " among its nodes, and checks each payment to ADDR by its Merkle proof against its own headers.",
                "Example: powchain light --node http://localhost:5000 --address B"})
final class LightCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--node", required = true, paramLabel = "URL",
            description = "A node to ask (repeatable; ask several, so one cannot lie to you unnoticed).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--address", required = true, paramLabel = "ADDR",
            description = "The address whose payments to verify: 40 hex characters, or a demo name (A, B, alice).")
    String address;

    @Option(names = "--confirmations", defaultValue = "6", paramLabel = "N",
            description = "Blocks on top of a payment's block (its own included) before it counts (default ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--data-dir", defaultValue = "data/light", paramLabel = "DIR",
            description = "Where the headers are kept, 88 bytes a block (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--follow", description = "Keep running: sync again every --interval seconds and print each change.")
    boolean follow;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "With --follow: seconds between syncs (default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--difficulty", paramLabel = "BITS",
            description = "The nodes' --difficulty, if they were started with one: the rules must be the same.")
    Integer difficulty;

    @Option(names = "--ledger", paramLabel = "MODEL", defaultValue = "account",
            description = "The nodes' ledger model (--ledger), account or utxo: what their transactions look like and"
                    + " which network their headers are of (default: ${DEFAULT-VALUE}).")
    String ledger;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (confirmations < 1 || interval < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--confirmations and --interval must be >= 1");
        }
        Address addr;
        if (Address.isAddress(address)) {
            addr = Address.fromHex(address.toLowerCase(java.util.Locale.ROOT));
        } else if (Keys.isDemoName(address)) {
            addr = Keys.demo(address).address();
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "--address must be 40 hex characters or a demo name");
        }
        ConsensusParams params = ConsensusParams.defaults().withLedger(Ledgers.named(ledger).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--ledger must be one of "
                        + String.join(", ", Ledgers.names()) + ", got '" + ledger + "'")));
        if (difficulty != null) {
            if (difficulty < 1 || difficulty > 64) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--difficulty must be 1..64 bits");
            }
            params = params.withPinnedDifficulty(difficulty);
        }
        List<NodeClient> sources = new ArrayList<>();
        try {
            for (String n : nodes) {
                sources.add(new NodeClient(n));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        HeaderFile file;
        HeaderChain chain;
        try {
            file = new HeaderFile(dataDir);
            chain = file.load(new HeaderChain(params), WallClock.millis());
        } catch (IOException e) {
            err.println("powchain light: " + e.getMessage());
            return 1;
        }
        LightClient client = new LightClient(chain, sources, Optional.of(file), WallClock::millis, confirmations);
        Map<String, Integer> seen = new HashMap<>();
        boolean first = true;
        do {
            if (!first) {
                Thread.sleep(interval * 1000L); // the CLI is an adapter: the wall clock is allowed here
            }
            LightClient.Report r = client.sync(addr);
            if (json) {
                out.println(json(r));
            } else if (first) {
                print(out, r, addr, file.path());
            } else {
                printChanges(out, r, seen);
            }
            out.flush();
            r.payments().forEach(p -> seen.put(p.txid(), p.confirmations()));
            seen.put("tip", r.tipHeight());
            first = false;
        } while (follow);
        return 0;
    }

    static ObjectNode json(LightClient.Report r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("tipHeight", r.tipHeight());
        o.put("tipHash", r.tipHash());
        o.put("chainWork", r.chainWork().toString());
        ArrayNode payments = o.putArray("payments");
        for (LightClient.Payment p : r.payments()) {
            ObjectNode j = payments.addObject().put("txid", p.txid()).put("amount", p.amount());
            if (p.height() >= 0) {
                j.put("height", p.height());
            } else {
                j.putNull("height");
            }
            j.put("confirmations", p.confirmations()).put("verified", p.verified()).put("status", p.status());
        }
        o.put("received", r.received());
        o.put("pending", r.pending());
        o.put("disagreement", r.disagreement());
        ArrayNode nodes = o.putArray("nodes");
        for (LightClient.NodeView n : r.nodes()) {
            nodes.addObject().put("node", n.node()).put("status", n.status()).put("height", n.height())
                    .put("tip", n.tip()).put("detail", n.detail());
        }
        o.put("headersRemoved", r.headersRemoved());
        r.problems().forEach(o.withArray("problems")::add);
        return o;
    }

    private void print(PrintWriter out, LightClient.Report r, Address addr, Path file) throws IOException {
        long bytes = Files.exists(file) ? Files.size(file) : 0;
        out.printf("headers: tip %s at height %d, checked here; %,d bytes in %s%n",
                abbrev(r.tipHash()), r.tipHeight(), bytes, file);
        if (r.headersRemoved() > 0) {
            out.printf("reorg: %d headers replaced by a branch with more work%n", r.headersRemoved());
        }
        if (r.disagreement()) {
            out.println("the nodes disagree; following the chain with the most work:");
        }
        for (LightClient.NodeView n : r.nodes()) {
            out.printf("  %-28s %-13s %s%n", n.node(), n.status().equals("lying") ? "LYING" : n.status(), n.detail());
        }
        r.problems().forEach(p -> out.println("  note: " + p));
        out.println("payments to " + addr.toHex() + ":");
        if (r.payments().isEmpty()) {
            out.println("  none");
        }
        for (LightClient.Payment p : r.payments()) {
            out.println("  " + line(p));
        }
        out.printf("received: %d with %d+ confirmations, verified%s%n", r.received(), confirmations,
                r.pending() > 0 ? "; " + r.pending() + " pending" : "");
    }

    private void printChanges(PrintWriter out, LightClient.Report r, Map<String, Integer> seen) {
        if (seen.getOrDefault("tip", -1) != r.tipHeight() || r.headersRemoved() > 0) {
            out.printf("tip %s at height %d%s%n", abbrev(r.tipHash()), r.tipHeight(),
                    r.headersRemoved() > 0 ? " (reorg: " + r.headersRemoved() + " headers replaced)" : "");
        }
        for (LightClient.Payment p : r.payments()) {
            if (!Integer.valueOf(p.confirmations()).equals(seen.get(p.txid()))) {
                out.println("  " + line(p));
            }
        }
        for (String txid : seen.keySet()) {
            if (!txid.equals("tip") && r.payments().stream().noneMatch(p -> p.txid().equals(txid))) {
                out.println("  " + abbrev(txid) + " is no longer in the chain");
            }
        }
        seen.keySet().removeIf(k -> !k.equals("tip") && r.payments().stream().noneMatch(p -> p.txid().equals(k)));
        r.nodes().stream().filter(n -> n.status().equals("lying"))
                .forEach(n -> out.println("  " + n.node() + " LYING: " + n.detail()));
    }

    private String line(LightClient.Payment p) {
        if (p.status().equals("mempool")) {
            return String.format("%s %10d  in a mempool, in no block yet: not verifiable", abbrev(p.txid()), p.amount());
        }
        return String.format("%s %10d  height %d, %d confirmation%s, Merkle proof verified%s", abbrev(p.txid()),
                p.amount(), p.height(), p.confirmations(), p.confirmations() == 1 ? "" : "s",
                p.status().equals("pending") ? " (pending: fewer than " + confirmations + ")" : "");
    }

    private static String abbrev(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
    }
}
