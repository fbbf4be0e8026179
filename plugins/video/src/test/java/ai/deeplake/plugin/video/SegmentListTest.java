package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import org.junit.jupiter.api.Test;

class SegmentListTest {
    private final SegmentList list = new SegmentList();

    @Test
    void pairsEachClipWithTheThumbnailInsideIt() {
        list.add("clip00000.mp4,0.000000,10.023000");
        assertTrue(list.next().isEmpty(), "waits for the thumbnail");
        list.add("thumb00000.jpg,0.000000,0.100000");
        list.add("clip00001.mp4,10.023000,20.023000");
        SegmentList.Clip first = list.next().orElseThrow();
        assertEquals(0, first.index());
        assertEquals(new SegmentList.Entry("clip00000.mp4", 0, 10.023), first.clip());
        assertEquals("thumb00000.jpg", first.thumbnail().file());
        assertTrue(list.next().isEmpty());

        // Thumbnails may be listed before their clip (a re-encode finishes clips later).
        list.add("thumb00001.jpg,10.023000,10.123000");
        list.end();
        SegmentList.Clip second = list.next().orElseThrow();
        assertEquals(1, second.index());
        assertEquals("thumb00001.jpg", second.thumbnail().file());
        assertTrue(list.next().isEmpty());
        assertEquals(2, list.handedOut());
    }

    @Test
    void aClipWithoutAThumbnailIsKnownOnceALaterOneOrTheEndComes() {
        list.add("clip00000.mp4,0.000000,10.000000");
        list.add("clip00001.mp4,10.000000,20.000000");
        list.add("thumb00000.jpg,10.500000,10.600000");
        assertNull(list.next().orElseThrow().thumbnail(), "the first keyframe was skipped: no thumbnail inside clip 0");
        assertEquals("thumb00000.jpg", list.next().orElseThrow().thumbnail().file());

        list.add("clip00002.mp4,20.000000,25.000000");
        assertTrue(list.next().isEmpty());
        list.end();
        assertNull(list.next().orElseThrow().thumbnail());
    }

    @Test
    void passesOverAThumbnailThatFallsInNoWaitingClip() {
        list.add("thumb00000.jpg,0.000000,0.100000");
        list.add("thumb00001.jpg,3.000000,3.100000");
        list.add("clip00000.mp4,2.000000,10.000000");
        assertEquals("thumb00001.jpg", list.next().orElseThrow().thumbnail().file());
    }

    @Test
    void parsesQuotedNamesAndRejectsOtherLines() {
        assertEquals(new SegmentList.Entry("clip,\"1\".mp4", 1.5, 2), SegmentList.parse("\"clip,\"\"1\"\".mp4\",1.5,2"));
        assertThrows(IngestError.class, () -> list.add("clip00000.mp4,abc,1"));
        assertThrows(IngestError.class, () -> list.add("no commas"));
        assertThrows(IngestError.class, () -> list.add("other.mp4,0,1"));
    }
}
