package ai.deeplake.plugin.text;

import ai.deeplake.api.Batch;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts the code points of one file into overlapping chunks and hands them on in batches.
 *
 * <p>The window is a sliding buffer of at most {@code size} code points: once it is full it becomes a
 * chunk, and its last {@code overlap} code points move to the front to start the next one. Memory is
 * therefore one chunk plus one batch, independent of the file size. One instance serves one file.
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
    private static final int INITIAL_WINDOW = 8192;

    private final int size;
    private final int overlap;
    private final Consumer<Batch> out;

    private int[] window;
    private int filled;
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
        this.window = new int[Math.min(size, INITIAL_WINDOW)];
    }

    /** Reads {@code reader} to its end and hands on every chunk, the last partial batch included. */
    void cut(Reader reader) throws IOException {
        char[] chars = new char[READ_CHARS];
        char high = 0;
        for (int n = reader.read(chars); n != -1; n = reader.read(chars)) {
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (Character.isHighSurrogate(c)) {
                    // Its low half may arrive with the next read; a strict decoder yields only
                    // well-formed pairs, so the next char is that low half.
                    high = c;
                    continue;
                }
                add(high == 0 ? c : Character.toCodePoint(high, c));
                high = 0;
            }
        }
        if (fresh > 0) {
            cutChunk();
        }
        handOn();
    }

    private void add(int codePoint) {
        if (filled == window.length) {
            window = Arrays.copyOf(window, (int) Math.min(size, 2L * window.length));
        }
        window[filled++] = codePoint;
        fresh++;
        if (filled == size) {
            cutChunk();
            System.arraycopy(window, size - overlap, window, 0, overlap);
            filled = overlap;
        }
    }

    private void cutChunk() {
        texts[rows] = new String(window, 0, filled);
        indexes[rows] = nextIndex++;
        rows++;
        batchCodePoints += filled;
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
