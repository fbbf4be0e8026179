package ai.deeplake.core.sql;

import ai.deeplake.api.TableError;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SqlTranslator#translate} that parses and writes a statement once for every call with the
 * same SQL text and parameters of the same shapes ({@link SqlTranslator#translationKey}): parsing and
 * writing cost more CPU than running an indexed top-k search (measured with {@code SearchBench}).
 *
 * <p>A translation depends on the SQL text and the parameters alone: the translator reads no
 * catalog, schema or index, so DDL and index changes need no invalidation here; the engine decides
 * at run time whether an index answers ({@link SearchPlan#route()} only says that one may). Of the
 * parameters it depends on their shapes and on two kinds of values: query texts and vectors carried in
 * the search plan, which a cached translation takes anew from each call's values
 * ({@link Translation#bind}), and numbers it decided on ({@code LIMIT $n}, hybrid weights, the
 * elements of {@code ARRAY[$1, ...]}), which a call must repeat to be served from the cache. A
 * statement that fails to translate is not cached.
 *
 * <p>Bounded by entries and by the characters held (SQL with literal vectors is long), least recently
 * used dropped first. Thread-safe.
 */
public final class TranslationCache {
    /** Distinct statements kept. */
    static final int ENTRIES = 256;
    /** Characters of SQL kept over all entries (the user's text and the translation, ~2 bytes each). */
    static final int CHARACTERS = 1 << 21;
    /** A statement longer than this is translated each time rather than crowd out the others. */
    static final int LONGEST = CHARACTERS / 16;

    private record Key(String sql, List<QueryParams.Shape> shapes) {
    }

    /**
     * @param decisive the parameter values beyond shapes the translation was decided on ({@link QueryParams#decisive})
     * @param characters what the entry counts against {@link #CHARACTERS}
     */
    private record Entry(Translation translation, Map<Integer, Double> decisive, int characters) {
    }

    private final SqlTranslator translator = new SqlTranslator();
    /** Guarded by itself; in access order. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by {@link #entries}. */
    private long characters;

    /** See {@link SqlTranslator#translate(String, List)}. */
    public Translation translate(String sql, List<Object> params) {
        QueryParams values = new QueryParams(params);
        List<QueryParams.Shape> shapes;
        try {
            shapes = values.shapes();
        } catch (TableError e) {
            // A malformed 2-D vector has no shape; the translator refuses it only where the statement uses it.
            return translator.translateValues(sql, values);
        }
        if (sql == null || sql.length() > LONGEST) {
            return translator.translateValues(sql, values);
        }
        Key key = new Key(sql, shapes);
        Entry cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null && values.agrees(cached.decisive())) {
            return cached.translation().bind(values);
        }
        Translation translation = translator.translateValues(sql, values);
        int size = sql.length() + 2 * (translation.sql() == null ? 0 : translation.sql().length());
        if (size <= LONGEST) {
            put(key, new Entry(translation, values.decisive(), size));
        }
        return translation;
    }

    private void put(Key key, Entry entry) {
        synchronized (entries) {
            Entry replaced = entries.put(key, entry);
            characters += entry.characters() - (replaced == null ? 0 : replaced.characters());
            Iterator<Entry> eldest = entries.values().iterator();
            while (entries.size() > ENTRIES || characters > CHARACTERS) {
                characters -= eldest.next().characters();
                eldest.remove();
            }
        }
    }

    /** @return how many statements are cached */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
