package org.powchain.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.powchain.core.Keys;

/**
 * A wallet's key pair on disk: one small JSON file, readable by its owner only (mode 600), because
 * whoever reads the private key can spend the coins. Never overwritten: losing a key loses its coins.
 */
public final class KeyFile {
    private static final String TYPE = "powchain-ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KeyFile() {}

    /** Generates a new key pair into {@code file}, which must not exist yet. */
    public static Keys create(Path file) throws IOException {
        Keys keys = Keys.generate(new SecureRandom());
        ObjectNode json = MAPPER.createObjectNode()
                .put("type", TYPE)
                .put("address", keys.address().toHex())
                .put("publicKey", keys.publicKeyHex())
                .put("privateKey", HexFormat.of().formatHex(keys.privateKey()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            // created with mode 600 from the start, so the key is never readable by others, not even briefly
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "a key file is already there; refusing to overwrite it (its coins would be lost)");
        }
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
                StandardCharsets.UTF_8);
        return keys;
    }

    /** Reads the key pair in {@code file}; a clear message if it is missing or not a key file. */
    public static Keys read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no key file at " + file + " (create one with: powchain wallet new)");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + " is not a powchain key file: " + e.getMessage(), e);
        }
        if (json == null || !TYPE.equals(json.path("type").asText())) {
            throw new IOException(file + " is not a powchain key file (no \"type\": \"" + TYPE + "\")");
        }
        Keys keys;
        try {
            keys = Keys.fromPrivateKey(HexFormat.of().parseHex(json.path("privateKey").asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds no valid private key: " + e.getMessage(), e);
        }
        if (json.has("address") && !json.get("address").asText().equalsIgnoreCase(keys.address().toHex())) {
            throw new IOException(file + " is damaged: its address does not belong to its private key");
        }
        return keys;
    }
}
