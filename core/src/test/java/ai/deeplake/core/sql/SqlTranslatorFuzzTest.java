package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the SQL translator: random token soup and mutations of valid statements. Whatever
 * the input, {@link SqlTranslator#translate} returns a translation or throws {@link TableError}; any
 * other throwable (a NullPointerException, ClassCastException, StackOverflowError or a parser
 * exception leaking out) is a failure reported with its seed and input.
 *
 * <p>Runs for {@code -Dfuzz.seconds} (default 8) from {@code -Dfuzz.seed} (default fixed), so a CI run
 * is reproducible and a longer local run explores further.
 */
class SqlTranslatorFuzzTest {
    static final long SECONDS = Long.getLong("fuzz.seconds", 8);
    static final long SEED = Long.getLong("fuzz.seed", 20_261_124L);

    private static final List<String> VALID = List.of(
            "SELECT id, text FROM docs WHERE file_id = $1 ORDER BY id LIMIT 10",
            "SELECT * FROM docs ORDER BY embedding <#> $1 DESC LIMIT 5",
            "SELECT id, text <#> 'deep lake' AS score FROM docs ORDER BY score DESC LIMIT 3",
            "SELECT id FROM docs WHERE text @> 'lake' AND id > 2",
            "SELECT id, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, 'q', 0.7, 0.3) AS s FROM docs ORDER BY s DESC LIMIT 4",
            "WITH t AS (SELECT id, count(*) AS n FROM docs GROUP BY id) SELECT * FROM t JOIN docs d ON d.id = t.id",
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY file_id ORDER BY id) FROM docs",
            "INSERT INTO docs (id, text, image) VALUES ($1, $2, decode($3, 'hex')::IMAGE)",
            "UPDATE docs SET text = upper(text) WHERE id IN (SELECT id FROM docs WHERE id < 3) RETURNING id",
            "DELETE FROM docs WHERE id BETWEEN 1 AND 5",
            "CREATE TABLE t (id INT64, v EMBEDDING(3), m BINARY_MASK, b BOUNDING_BOX, label CLASS_LABEL)",
            "ALTER TABLE docs ADD COLUMN score FLOAT32",
            "CREATE INDEX IF NOT EXISTS i ON docs USING deeplake_index (embedding)",
            "SELECT ARRAY[[0.1, 0.2], [0.3, 0.4]]::FLOAT4[][] AS q, CAST(id AS TEXT) FROM docs",
            "EXPLAIN SELECT count(*) FROM docs WHERE text LIKE '%a%' OR text IS NULL",
            "SELECT CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END, COALESCE(text, '') FROM docs",
            "DROP TABLE IF EXISTS t");
    private static final List<String> TOKENS = List.of(
            "SELECT", "FROM", "WHERE", "ORDER BY", "GROUP BY", "LIMIT", "WITH", "AS", "JOIN", "ON", "INSERT INTO",
            "VALUES", "UPDATE", "SET", "DELETE", "CREATE TABLE", "ALTER TABLE", "DROP", "INDEX", "USING", "EXPLAIN",
            "UNION", "CASE", "WHEN", "THEN", "END", "NOT", "AND", "OR", "IS NULL", "IN", "EXISTS", "OVER", "ARRAY",
            "docs", "t", "id", "text", "embedding", "\"odd name\"", "main.docs", "x.y.z", "*", "(", ")", "[", "]",
            ",", ";", ".", "::", "<#>", "@>", "=", "<>", "+", "-", "/", "%", "||", "$1", "$2", "$0", "$99", "?", "'a'",
            "''", "'unterminated", "\"", "1", "-1", "1e309", "0.5", "NULL", "TRUE", "--", "/*", "*/", "\n",
            "deeplake_hybrid_record", "deeplake_index", "BM25_SIMILARITY", "read_csv", "getenv", "count(*)", "IMAGE",
            "EMBEDDING", "FILE", "FLOAT4[]", "decode", "ATTACH", "COPY", "PRAGMA", "LATERAL", "QUALIFY", "東京", "\u0000",
            "\uD83D\uDE00", "\\", "`", "{", "}", "#", "@", "&", "^", "~");

    @Test
    void theTranslatorOnlyEverThrowsTableError() {
        SqlTranslator translator = new SqlTranslator();
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(SECONDS + 30), () -> {
            for (long i = 0; System.nanoTime() < deadline && failures.size() < 5; i++) {
                String sql = random.nextInt(3) == 0 ? soup(random) : mutate(VALID.get(random.nextInt(VALID.size())), random);
                List<Object> params = params(random);
                try {
                    translator.translate(sql, params);
                    outcomes[0]++;
                } catch (TableError refused) {
                    outcomes[1]++;
                } catch (Throwable t) {
                    failures.add("case " + i + " (seed " + SEED + "): " + t + "\n  SQL: " + sql + "\n  params: " + params);
                }
            }
        });
        assertEquals(List.of(), failures);
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "the fuzzer reaches both outcomes: " + outcomes[0] + " translated, "
                + outcomes[1] + " refused");
    }

    private static String soup(Random random) {
        StringBuilder sql = new StringBuilder();
        int n = 1 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            sql.append(TOKENS.get(random.nextInt(TOKENS.size()))).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return sql.toString();
    }

    /** @return the statement with one to four random edits: deletions, repeats, insertions, swaps or a cut */
    static String mutate(String valid, Random random) {
        StringBuilder sql = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sql.length() > 1; e++) {
            int at = random.nextInt(sql.length());
            int len = Math.min(1 + random.nextInt(12), sql.length() - at);
            switch (random.nextInt(6)) {
                case 0 -> sql.delete(at, at + len);
                case 1 -> sql.insert(at, sql.substring(at, at + len));
                case 2 -> sql.insert(at, " " + TOKENS.get(random.nextInt(TOKENS.size())) + " ");
                case 3 -> sql.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 4 -> sql.setLength(at);
                default -> sql.insert(at, "(".repeat(len)).append(")".repeat(random.nextInt(len + 1)));
            }
        }
        return sql.toString();
    }

    private static List<Object> params(Random random) {
        List<Object> params = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            params.add(switch (random.nextInt(6)) {
                case 0 -> "q" + random.nextInt(100);
                case 1 -> (long) random.nextInt();
                case 2 -> new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()};
                case 3 -> new float[][] {{1, 0}, {0, 1}};
                case 4 -> random.nextDouble();
                default -> new byte[] {1, 2};
            });
        }
        return params;
    }
}
