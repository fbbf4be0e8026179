package ai.deeplake.core.index;

import ai.deeplake.api.TableError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** Deletes the folders of every index not among {@code entries} (left by a drop the process did not finish). */
    void keepOnly(Collection<IndexRegistry.Entry> entries) {
        for (Path table : list(root)) {
            String name = table.getFileName().toString();
            keepOnly(table, entries.stream().filter(e -> segment(e.table()).equals(name)).toList());
        }
    }

    /** Deletes the folders of the indexes of {@code table} that are not among {@code entries}. */
    void keepOnly(String table, Collection<IndexRegistry.Entry> entries) {
        keepOnly(of(table), entries);
    }

    private static void keepOnly(Path tableFolder, Collection<IndexRegistry.Entry> entries) {
        Set<String> kept = entries.stream().map(e -> segment(e.column())).collect(Collectors.toSet());
        for (Path column : list(tableFolder)) {
            if (!kept.contains(column.getFileName().toString())) {
                delete(column);
            }
        }
        if (kept.isEmpty()) {
            delete(tableFolder);
        }
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.toList();
        } catch (IOException e) {
            throw new TableError("Cannot list index folder " + folder + ": " + e.getMessage(), e);
        }
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
