package ai.deeplake.core.index;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts the writes to each table since the workspace was opened, so that an index knows whether it
 * must catch up before it answers, and how much it must look at: only the rows of the ingests that
 * appended since (their {@code _id}s share a prefix per ingest call), or the whole table after any
 * other write. Thread-safe.
 */
final class ChangeLog {
    /** Writes remembered per table; an index further behind compares the whole table. */
    private static final int KEPT = 256;

    /** One write: rows appended under {@code idPrefix}, or (null prefix) anything else. */
    private record Change(long generation, String idPrefix, boolean valuesChanged) {
    }

    /**
     * What an index must do to catch up.
     *
     * @param generation the table's generation it is then at
     * @param whole compare the whole table (otherwise only the rows under {@code idPrefixes})
     * @param valuesChanged values of existing rows may have changed
     * @param idPrefixes the ingests that appended rows
     */
    record Pending(long generation, boolean whole, boolean valuesChanged, Set<String> idPrefixes) {
        boolean none() {
            return !whole && idPrefixes.isEmpty();
        }
    }

    private static final class TableLog {
        long generation;
        /** The newest change no longer kept: an index older than it must compare the whole table. */
        long forgotten;
        final Deque<Change> recent = new ArrayDeque<>();
    }

    private final Map<String, TableLog> tables = new HashMap<>();

    /** Rows were appended (and committed) by the ingest whose ids start with {@code idPrefix}. */
    synchronized void appended(String table, String idPrefix) {
        add(table, idPrefix, false);
    }

    /** Rows were written some other way: inserted, deleted or ({@code valuesChanged}) updated. */
    synchronized void changed(String table, boolean valuesChanged) {
        add(table, null, valuesChanged);
    }

    /** Forgets a dropped table. */
    synchronized void forget(String table) {
        tables.remove(key(table));
    }

    /**
     * @param generation the generation an index is at; negative when it has never been compared with
     *     the table since the workspace was opened (the whole table is, values included: the index
     *     may predate writes of an earlier session)
     */
    synchronized Pending since(String table, long generation) {
        TableLog log = tables.get(key(table));
        long current = log == null ? 0 : log.generation;
        if (generation < 0) {
            return new Pending(current, true, true, Set.of());
        }
        if (generation == current) {
            return new Pending(current, false, false, Set.of());
        }
        if (generation < log.forgotten) {
            return new Pending(current, true, true, Set.of());
        }
        boolean whole = false;
        boolean valuesChanged = false;
        Set<String> prefixes = new LinkedHashSet<>();
        for (Change change : log.recent) {
            if (change.generation() > generation) {
                whole |= change.idPrefix() == null;
                valuesChanged |= change.valuesChanged();
                if (change.idPrefix() != null) {
                    prefixes.add(change.idPrefix());
                }
            }
        }
        return new Pending(current, whole, valuesChanged, whole ? Set.of() : prefixes);
    }

    private void add(String table, String idPrefix, boolean valuesChanged) {
        TableLog log = tables.computeIfAbsent(key(table), k -> new TableLog());
        log.generation++;
        Change last = log.recent.peekLast();
        if (idPrefix != null && last != null && idPrefix.equals(last.idPrefix())) {
            // Another block of the same ingest: one entry per ingest keeps long ingests within KEPT.
            log.recent.removeLast();
        }
        log.recent.addLast(new Change(log.generation, idPrefix, valuesChanged));
        if (log.recent.size() > KEPT) {
            log.forgotten = log.recent.removeFirst().generation();
        }
    }

    private static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }
}
