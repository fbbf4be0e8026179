package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors come back as {@link TableError}s that say what is wrong and where. */
class SqlTranslatorErrorTest {
    private final SqlTranslator translator = new SqlTranslator();

    private String error(String sql, Object... params) {
        return assertThrows(TableError.class, () -> translator.translate(sql, List.of(params)), sql).getMessage();
    }

    @Test
    void syntaxErrorGivesLineColumnAndExcerpt() {
        String message = error("SELECT id,\n       text\n  FRM docs");
        assertTrue(message.startsWith("SQL syntax error at line 3, column 7 near \"docs\""), message);
        assertTrue(message.contains("  FRM docs\n"), message);
        assertTrue(message.endsWith("\n        ^"), "caret under column 7: " + message);
    }

    @Test
    void caretLinesUpAfterTabs() {
        String message = error("SELECT\t*\tFRM docs");
        assertTrue(message.startsWith("SQL syntax error at line 1, column 14 near \"docs\""), message);
        assertTrue(message.endsWith("  SELECT * FRM docs\n               ^"), message);
    }

    @Test
    void syntaxErrorAtAnIncompleteClause() {
        // JSqlParser 5.4 reports the WHERE that has no condition, not the end of input.
        String message = error("SELECT * FROM docs WHERE");
        assertTrue(message.startsWith("SQL syntax error at line 1, column 20 near \"WHERE\""), message);
    }

    @Test
    void longLinesAreCutAroundTheError() {
        String sql = "SELECT " + "a, ".repeat(40) + "FROM FROM docs";
        String message = error(sql);
        assertTrue(message.contains("..."), message);
        assertTrue(message.lines().allMatch(line -> line.length() < 100), message);
    }

    @Test
    void lexicalError() {
        String message = error("SELECT 'unterminated FROM docs");
        assertTrue(message.startsWith("SQL syntax error"), message);
    }

    @Test
    void emptySql() {
        assertEquals("SQL is empty", error("  "));
        assertEquals("SQL is empty", error("; -- nothing\n;"));
    }

    @Test
    void parameterWithoutValue() {
        assertEquals("Parameter $2 has no value: 1 parameter was given", error("SELECT $1, $2", 1L));
    }

    @Test
    void nullParameterListMeansNone() {
        assertEquals(Translation.Kind.QUERY, translator.translate("SELECT 1", null).kind());
        assertThrows(TableError.class, () -> translator.translate("SELECT $1", null));
    }

    @Test
    void inputsFoundByTheFuzzerAreTableErrors() {
        assertEquals("SQL is empty", error(""));
        assertEquals("SQL is empty", error("  \n "));
        assertEquals("The statement names no table", error("DELETE"));
        assertEquals("EXPLAIN needs a statement to explain", error("EXPLAIN SELEC"));
        assertTrue(error("SELECT (e, t)::deeplake_hybrid_record <#> deeplake FROM docs").contains("deeplake_hybrid_record"));
        assertTrue(error("SELECT " + "(".repeat(300) + "1" + ")".repeat(300)).startsWith("SQL is too deeply nested"));
    }
}
