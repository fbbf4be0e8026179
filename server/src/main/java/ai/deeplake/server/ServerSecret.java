package ai.deeplake.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's token-signing secret when none is given: {@code <root>/.server-secret}, made once
 * (32 random bytes, base64url, readable by the owner only where the file system allows) so that
 * tokens survive restarts and {@code deeplake token --root} mints tokens the server accepts.
 */
public final class ServerSecret {
    /** The file under the root. */
    public static final String FILE = ".server-secret";

    private ServerSecret() {}

    /**
     * @param explicit a secret given on the command line or in the environment; null or empty means none
     * @return {@code explicit}, else the root's secret file's content, made when missing
     */
    public static String resolve(String explicit, Path root) {
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        Path file = root.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(root, file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException("The server secret file " + file + " is empty; delete it to make a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the server secret " + file, e);
        }
    }

    /**
     * Writes the secret beside the file, then links it into place: a link fails if the file
     * exists, so when {@code serve} and {@code token} race, both end up with the one secret, and
     * neither ever reads a half-written file.
     */
    private static void create(Path root, Path file) throws IOException {
        Files.createDirectories(root);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Path tmp = ownerOnlyTempFile(root);
        try {
            Files.writeString(tmp, secret, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first; its secret is the one to use.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, FILE, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, FILE, ".tmp");
        }
    }
}
