package org.powchain.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code powchain}. With no subcommand it runs a node, like the original {@code main.py}; a node's
 * flags, when plainly right, are read here without picocli ({@link NodeArgs}) and {@link NodeStart}
 * runs it. Everything else, help and every refusal included, is {@link PowchainCommand}'s. This class
 * names no picocli type, so a node's start loads none (docs/PERFORMANCE.md, "Start-up").
 */
public final class Main {
    private static final List<String> SUBCOMMAND_NAMES = List.of("help", "wallet", "light", "bench", "simulate", "devnet",
            "startup-training");

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("powchain.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        Optional<Map<NodeOption, Object>> plain = runsNode(args) ? NodeArgs.read(args) : Optional.empty();
        if (plain.isPresent()) {
            try {
                System.exit(NodeStart.run(plain.get()));
            } catch (NodeStart.Refusal refused) {
                // nothing was started: picocli reads the flags again and says what is wrong, in its words
            } catch (Exception e) {
                e.printStackTrace(); // as picocli's execute() does with what a command throws, and exits 1
                System.exit(1);
            }
        }
        System.exit(PowchainCommand.execute(args));
    }

    /** True when the arguments start a node: no subcommand named, no help or version asked for. */
    static boolean runsNode(String[] args) {
        for (String a : args) {
            if (SUBCOMMAND_NAMES.contains(a) || a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }
}
