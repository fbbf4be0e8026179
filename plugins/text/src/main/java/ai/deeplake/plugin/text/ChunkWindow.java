package ai.deeplake.plugin.text;

import ai.deeplake.api.Batch;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the code points of one file into overlapping chunks and hands them on in batches.
 *
 * <p>The window is a sliding buffer of chars holding at most {@code size} code points: once it holds
 * that many it becomes a chunk, and its last {@code overlap} code points move to the front to start
 * the next one. Memory is therefore one chunk plus one batch, independent of the file size. The
 * window holds chars rather than code points so that chunks are copied out in bulk. One instance
 * serves one file.
 */
final class ChunkWindow {
    /** The most rows one batch holds. */
    static final int MAX_BATCH_ROWS = 1000;
    /**
     * The most code points one batch holds, beyond which it is handed on early: with a large
     * {@code chunkSize}, {@value #MAX_BATCH_ROWS} rows alone would not bound memory.
     */
    static final long MAX_BATCH_CODE_POINTS = 1L << 22;

    private static final int READ_CHARS = 8192;
    // The window grows on demand so a huge chunkSize costs nothing on a small file.
    private static final int INITIAL_WINDOW = 16384;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int size;
    private final int overlap;
    private final Consumer<Batch> out;

    private char[] window;
    private int chars;
    private int codePoints;
    /** Code points added since the last chunk was cut: 0 at the end means the text is fully covered. */
    private int fresh;

    private long nextIndex;
    private long[] indexes = new long[MAX_BATCH_ROWS];
    private String[] texts = new String[MAX_BATCH_ROWS];
    private int rows;
    private long batchCodePoints;

    /**
     * @param size code points per chunk, at least 1
     * @param overlap code points shared by consecutive chunks, less than {@code size}
     * @param out receives the batches in order
     */
    ChunkWindow(int size, int overlap, Consumer<Batch> out) {
        this.size = size;
        this.overlap = overlap;
        this.out = out;
        this.window = new char[(int) Math.min(2L * size, INITIAL_WINDOW)];
    }

    /**
     * Reads {@code reader} to its end and hands on every chunk, the last partial batch included. The
     * reader must yield well-formed surrogate pairs, as a strict decoder does.
     */
    void cut(Reader reader) throws IOException {
        char[] read = new char[READ_CHARS];
        for (int n = reader.read(read); n != -1; n = reader.read(read)) {
            int from = 0;
            while (from < n) {
                // A code point ends at every char but a high surrogate, so a pair split between two
                // reads is counted once its low half arrives and a chunk never ends inside a pair.
                int missing = size - codePoints;
                int to = from;
                while (to < n && missing > 0) {
                    if (!Character.isHighSurrogate(read[to++])) {
                        missing--;
                    }
                }
                append(read, from, to - from);
                int added = size - codePoints - missing;
                codePoints += added;
                fresh += added;
                from = to;
                if (codePoints == size) {
                    cutChunk();
                    int keep = Character.offsetByCodePoints(window, 0, chars, chars, -overlap);
                    System.arraycopy(window, keep, window, 0, chars - keep);
                    chars -= keep;
                    codePoints = overlap;
                }
            }
        }
        if (fresh > 0) {
            cutChunk();
        }
        handOn();
    }

    private void append(char[] source, int from, int length) {
        int needed = chars + length;
        if (needed > window.length) {
            // A chunk of size code points takes at most 2 * size chars.
            long grown = Math.min(Math.max(needed, 2L * window.length), 2L * size);
            window = Arrays.copyOf(window, (int) Math.min(grown, MAX_ARRAY));
        }
        System.arraycopy(source, from, window, chars, length);
        chars = needed;
    }

    private void cutChunk() {
        texts[rows] = new String(window, 0, chars);
        indexes[rows] = nextIndex++;
        rows++;
        batchCodePoints += codePoints;
        fresh = 0;
        if (rows == MAX_BATCH_ROWS || batchCodePoints >= MAX_BATCH_CODE_POINTS) {
            handOn();
        }
    }

    private void handOn() {
        if (rows == 0) {
            return;
        }
        // A batch takes its arrays over, so a full batch gets them as they are and the next starts afresh.
        long[] batchIndexes = rows == MAX_BATCH_ROWS ? indexes : Arrays.copyOf(indexes, rows);
        String[] batchTexts = rows == MAX_BATCH_ROWS ? texts : Arrays.copyOf(texts, rows);
        indexes = new long[MAX_BATCH_ROWS];
        texts = new String[MAX_BATCH_ROWS];
        rows = 0;
        batchCodePoints = 0;
        out.accept(Batch.builder()
                .column(TextChunker.CHUNK_INDEX, batchIndexes)
                .column(TextChunker.TEXT, batchTexts)
                .build());
    }
}
