package ai.deeplake.core.index;

import ai.deeplake.api.TableError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where index files live: {@code <workspace>/indexes/<table>/<column>/}. Names are lower-cased (DuckDB
 * matches names case-insensitively) and every character but {@code [a-z0-9_-]} is written as
 * {@code %XX} bytes, so any table or column name is one safe path segment.
 */
final class IndexFolders {
    private final Path root;

    IndexFolders(Path workspace) {
        this.root = workspace.resolve("indexes");
    }

    Path root() {
        return root;
    }

    Path of(String table) {
        return root.resolve(segment(table));
    }

    Path of(String table, String column) {
        return of(table).resolve(segment(column));
    }

    static String segment(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new TableError("Cannot delete index folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
