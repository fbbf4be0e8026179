package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TranslationCache}: a repeated statement is not translated again (the cached parts are the
 * same objects), yet each call gets its own values. What the engine does with the translations (the
 * answers, DDL and index changes between calls) is tested through the client in ClientSearchTest.
 */
class TranslationCacheTest {
    private final TranslationCache cache = new TranslationCache();

    private static List<Object> params(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void aRepeatedStatementIsTranslatedOnce() {
        String sql = "SELECT * FROM t WHERE a = $1";
        Translation first = cache.translate(sql, params(1L));
        assertSame(first, cache.translate(sql, params(2L)), "same text and shapes: the cached translation");
        assertNotSame(first, cache.translate(sql, params("one")), "another shape is another translation");
        assertEquals(2, cache.size());
    }

    @Test
    void aCachedSearchTakesEachCallsQueryVectorAndText() {
        String sql = "SELECT _id, (emb, body)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2) AS s FROM t"
                + " ORDER BY s DESC LIMIT 10";
        Translation first = cache.translate(sql, params(new float[] {1, 0}, "red fox"));
        Translation second = cache.translate(sql, params(new double[] {0, 1}, "blue whale"));
        assertSame(first.search().template(), second.search().template(), "not translated again");
        assertEquals(first.sql(), second.sql());
        assertArrayEquals(new float[] {1, 0}, first.search().route().vector().query());
        assertArrayEquals(new float[] {0, 1}, second.search().route().vector().query());
        assertEquals("red fox", first.search().route().text().query());
        assertEquals("blue whale", second.search().route().text().query());
        assertEquals(List.of("blue whale"), second.search().texts().stream().map(TextSearch::query).toList());
    }

    @Test
    void textSearchesOfDifferentParametersStayApartWhateverTheirValues() {
        String sql = "SELECT body <#> $1 AS a, body <#> $2 AS b FROM t";
        assertEquals(2, cache.translate(sql, params("fox", "fox")).search().texts().size());
        List<String> queries = cache.translate(sql, params("fox", "whale")).search().texts().stream()
                .map(TextSearch::query).toList();
        assertEquals(List.of("fox", "whale"), queries);
    }

    @Test
    void numbersTheTranslationDecidedOnMustRepeat() {
        String sql = "SELECT _id, emb <#> $1 AS s FROM t ORDER BY s DESC LIMIT $2";
        Translation three = cache.translate(sql, params(new float[] {1, 0}, 3L));
        assertEquals(3, three.search().route().limit());
        assertSame(three.search().template(), cache.translate(sql, params(new float[] {0, 1}, 3)).search().template(),
                "3 and 3L are the same LIMIT");
        assertEquals(5, cache.translate(sql, params(new float[] {1, 0}, 5L)).search().route().limit());
        assertNull(cache.translate(sql, params(new float[] {1, 0}, -1L)).search(), "a negative LIMIT is not routed");
        assertEquals(3, cache.translate(sql, params(new float[] {1, 0}, 3L)).search().route().limit());

        String weighted = "SELECT (emb, body)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, $3, 0.5) FROM t";
        cache.translate(weighted, params(new float[] {1, 0}, "fox", 0.5));
        assertThrows(TableError.class, () -> cache.translate(weighted, params(new float[] {1, 0}, "fox", null)),
                "a weight that is not a number is refused, cached statement or not");
    }

    @Test
    void aMalformedVectorIsRefusedOnlyWhereTheStatementUsesIt() {
        Object ragged = List.of(new float[] {1}, new float[] {1, 2});
        assertEquals(Translation.Kind.QUERY, cache.translate("SELECT 1", params(ragged)).kind());
        assertThrows(TableError.class, () -> cache.translate("SELECT emb <#> $1 FROM t", params(ragged)));
    }

    @Test
    void aStatementThatFailsIsNotCachedAndFailsAgain() {
        assertThrows(TableError.class, () -> cache.translate("SELECT * FROM read_csv('x')", params()));
        assertThrows(TableError.class, () -> cache.translate("SELECT * FROM read_csv('x')", params()));
        assertEquals(0, cache.size());
    }

    @Test
    void theCacheIsBounded() {
        Translation eldest = cache.translate("SELECT 0 FROM t", params());
        for (int i = 1; i <= TranslationCache.ENTRIES; i++) {
            cache.translate("SELECT " + i + " FROM t", params());
        }
        assertEquals(TranslationCache.ENTRIES, cache.size());
        Translation recent = cache.translate("SELECT " + TranslationCache.ENTRIES + " FROM t", params());
        assertSame(recent, cache.translate("SELECT " + TranslationCache.ENTRIES + " FROM t", params()));
        assertNotSame(eldest, cache.translate("SELECT 0 FROM t", params()), "the eldest was dropped");

        String longest = "SELECT '" + "x".repeat(TranslationCache.LONGEST) + "' FROM t";
        assertNotSame(cache.translate(longest, params()), cache.translate(longest, params()), "too long to cache");
    }
}
