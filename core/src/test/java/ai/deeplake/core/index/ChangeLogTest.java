package ai.deeplake.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an index must look at to catch up, after each kind of write. */
class ChangeLogTest {
    private final ChangeLog log = new ChangeLog();

    @Test
    void aNewIndexComparesTheWholeTableValuesIncluded() {
        ChangeLog.Pending pending = log.since("t", -1);
        assertTrue(pending.whole() && pending.valuesChanged());
        assertTrue(log.since("t", pending.generation()).none());
    }

    @Test
    void ingestsAreCaughtUpByTheirIdPrefix() {
        log.appended("t", "a");
        log.appended("T", "a");
        log.appended("t", "b");
        ChangeLog.Pending pending = log.since("t", 0);
        assertEquals(Set.of("a", "b"), pending.idPrefixes());
        assertFalse(pending.whole());
        assertEquals(3, pending.generation());
        assertEquals(Set.of("b"), log.since("t", 2).idPrefixes());
        assertTrue(log.since("other", 0).none());
    }

    @Test
    void otherWritesCompareTheWholeTable() {
        log.appended("t", "a");
        log.changed("t", false);
        ChangeLog.Pending pending = log.since("t", 0);
        assertTrue(pending.whole() && !pending.valuesChanged());
        log.changed("t", true);
        assertTrue(log.since("t", 2).valuesChanged());
    }

    @Test
    void aLongIngestIsOneEntryAndForgottenWritesMeanTheWholeTable() {
        for (int block = 0; block < 1000; block++) {
            log.appended("t", "a");
        }
        assertEquals(Set.of("a"), log.since("t", 0).idPrefixes(), "1000 blocks of one ingest are one entry");
        for (int write = 0; write < 300; write++) {
            log.appended("t", "p" + write);
        }
        ChangeLog.Pending old = log.since("t", 0);
        assertTrue(old.whole() && old.valuesChanged(), "too far behind: the whole table");
        assertEquals(Set.of("p299"), log.since("t", old.generation() - 1).idPrefixes());
        log.forget("t");
        assertTrue(log.since("t", 0).none());
    }
}
