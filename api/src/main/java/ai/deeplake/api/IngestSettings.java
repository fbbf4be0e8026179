package ai.deeplake.api;

import java.nio.file.Path;

/**
 * The settings a {@link Chunker} reads while it cuts a file into rows. Defaults are the seed's:
 * 1000-character chunks with 200 characters of overlap, PDF pages at 150 DPI, 4 workers.
 *
 * @param chunkSize text chunk length in characters (code points), at least 1
 * @param chunkOverlap characters shared by consecutive text chunks, less than {@code chunkSize}
 * @param pdfDpi resolution PDF pages are rendered at
 * @param workers how many files are normalised in parallel
 * @param tempDir where chunkers may write temporary files (segment files, for instance)
 */
public record IngestSettings(int chunkSize, int chunkOverlap, int pdfDpi, int workers, Path tempDir) {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_CHUNK_OVERLAP = 200;
    public static final int DEFAULT_PDF_DPI = 150;
    public static final int DEFAULT_WORKERS = 4;

    public IngestSettings {
        if (chunkSize < 1) {
            throw new IngestError("chunkSize must be at least 1, got " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IngestError("chunkOverlap must be at least 0 and less than chunkSize (" + chunkSize + "), got " + chunkOverlap);
        }
        if (pdfDpi < 1) {
            throw new IngestError("pdfDpi must be positive, got " + pdfDpi);
        }
        if (workers < 1) {
            throw new IngestError("workers must be at least 1, got " + workers);
        }
        if (tempDir == null) {
            tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    /** @return the seed's defaults */
    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_OVERLAP, DEFAULT_PDF_DPI, DEFAULT_WORKERS, null);
    }
}
