package org.powchain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A run of {@code powchain simulate} written down in YAML, so a figure can be made again from one
 * file: {@code scenario: NAME} and every other key an option of that scenario, named as on the
 * command line without the dashes. A list is a comma-separated value; {@code true} a flag that is
 * on, {@code false} one that is off. Read into the command line it stands for, so picocli checks
 * it as it checks typed options, and an unknown key is refused by its name.
 * <pre>
 * scenario: double-spend
 * sweep: true
 * shares: [0.1, 0.2, 0.3]
 * confirmations: 6
 * trials: 2000
 * seed: 1
 * out: sim-double-spend
 * </pre>
 */
final class RunConfig {
    private RunConfig() {}

    /** The file as arguments: the scenario's name first, then {@code --key value} for each key in the file's order. */
    static List<String> read(Path file) throws IOException {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("--config " + file + " is not YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map) || !(map.get("scenario") instanceof String scenario)) {
            throw new IllegalArgumentException("--config " + file + " must be a YAML mapping with scenario: NAME");
        }
        List<String> args = new ArrayList<>(List.of(scenario));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (key.equals("scenario") || Boolean.FALSE.equals(value)) {
                continue;
            }
            args.add("--" + key);
            if (value instanceof List<?> list) {
                args.add(list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (value == null || value instanceof Map) {
                throw new IllegalArgumentException("--config " + file + ": " + key + " must be a value or a list");
            } else if (!Boolean.TRUE.equals(value)) {
                args.add(String.valueOf(value));
            }
        }
        return args;
    }
}
