package org.powchain.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node's flags read without picocli, when they are plainly right: {@code --name value},
 * {@code --name=value} or {@code -x value}, each known option at most once (lists any number of
 * times), numbers in plain decimal. Anything else (an unknown or repeated option, a value that looks
 * like an option, a short option glued to its value, an {@code @file}, help or version) is left to
 * picocli, which accepts it or refuses it with its usual message.
 *
 * <p>Why: picocli 4.7 is compiled for Java 5, and a class-data archive cannot hold such classes, so
 * the 150 picocli classes a node's start loads are read and verified at every start, about 0.12 s
 * of CPU (docs/PERFORMANCE.md, "Start-up"). Nothing is defined here: the options are
 * {@link NodeOption}'s, which picocli's spec is built from too, and {@code NodeArgsTest} checks that
 * whatever this reads, picocli reads the same.
 */
final class NodeArgs {
    private static final Pattern INT = Pattern.compile("-?[0-9]{1,9}");
    private static final Pattern LONG = Pattern.compile("-?[0-9]{1,18}");

    private NodeArgs() {}

    /** Each option's value (its {@linkplain NodeOption#initialValue initial value} if not given), or empty: ask picocli. */
    static Optional<Map<NodeOption, Object>> read(String[] args) {
        Map<NodeOption, Object> given = new EnumMap<>(NodeOption.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value = null;
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                name = eq < 0 ? arg : arg.substring(0, eq);
                value = eq < 0 ? null : arg.substring(eq + 1);
            } else if (arg.length() == 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-') {
                name = arg;
            } else {
                return Optional.empty(); // a positional, "--", "-p5000", "@file": picocli's
            }
            NodeOption o = NodeOption.named(name);
            if (o == null || o.kind == NodeOption.Kind.USAGE_HELP || o.kind == NodeOption.Kind.VERSION_HELP
                    || o.kind != NodeOption.Kind.LIST && given.containsKey(o)) {
                return Optional.empty();
            }
            if (o.kind == NodeOption.Kind.FLAG) {
                if (value != null) {
                    return Optional.empty(); // --mine=true
                }
                given.put(o, true);
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length || args[i + 1].startsWith("-")) {
                    return Optional.empty();
                }
                value = args[++i];
            }
            Object v = convert(o.type, value);
            if (v == null) {
                return Optional.empty();
            }
            if (o.kind == NodeOption.Kind.LIST) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) given.computeIfAbsent(o, k -> new ArrayList<>());
                list.add(v);
            } else {
                given.put(o, v);
            }
        }
        Map<NodeOption, Object> values = new EnumMap<>(NodeOption.class);
        for (NodeOption o : NodeOption.values()) {
            Object v = given.containsKey(o) ? given.get(o) : initialValue(o);
            values.put(o, v instanceof List<?> l ? List.copyOf(l) : v);
        }
        return Optional.of(values);
    }

    /**
     * What the node sees when {@code o} is not given, as picocli's spec has it: its default converted
     * to its type, false for a flag, an empty list, else null.
     */
    private static Object initialValue(NodeOption o) {
        return switch (o.kind) {
            case FLAG, USAGE_HELP, VERSION_HELP -> false;
            case LIST -> List.of();
            case VALUE -> o.defaultValue == null ? null : convert(o.type, o.defaultValue);
        };
    }

    /** {@code text} as {@code type}, or null where picocli's converter might read it otherwise or refuse it. */
    private static Object convert(Class<?> type, String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class) {
            return INT.matcher(text).matches() ? Integer.valueOf(text) : null;
        }
        if (type == Long.class) {
            return LONG.matcher(text).matches() ? Long.valueOf(text) : null;
        }
        if (type == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return null;
    }
}
