package org.powchain.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code state.json}, what other terminals read ({@link DevnetClient}): the devnet's process, its
 * control port, and each node's port, pid and data dir. Written whole (a rename), after every
 * change of a node's process, and removed when the devnet closes.
 */
final class StateFile {
    static final String NAME = "state.json";

    private final Path file;

    StateFile(Path dir) {
        this.file = dir.resolve(NAME);
    }

    void write(int controlPort, List<DevnetNode> nodes) throws IOException {
        ObjectNode s = LocalHttp.JSON.createObjectNode();
        s.put("pid", ProcessHandle.current().pid());
        s.put("controlPort", controlPort);
        ArrayNode list = s.putArray("nodes");
        for (DevnetNode n : nodes) {
            ObjectNode o = list.addObject().put("id", n.id()).put("port", n.port()).put("dataDir", n.dataDir().toString());
            n.pid().ifPresentOrElse(p -> o.put("pid", p), () -> o.putNull("pid"));
        }
        Path tmp = file.resolveSibling(NAME + ".tmp");
        LocalHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), s);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void remove() throws IOException {
        Files.deleteIfExists(file);
    }
}
