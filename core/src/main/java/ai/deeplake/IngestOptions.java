package ai.deeplake;

import ai.deeplake.api.Format;
import ai.deeplake.api.IngestSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link Client#ingest}: build with {@link #builder()}. Defaults are the seed's (1000-char
 * text chunks, 200 overlap, PDF at 150 DPI, 4 workers).
 *
 * @param format a dataset format; when set, the {@code data} argument is ignored
 * @param schema explicit column types ({@code "TEXT"}, {@code "EMBEDDING"}, {@code "FILE"}...), which win
 *     over the format's schema and over inference
 * @param index columns to build a {@code deeplake_index} on once the data is committed
 * @param onProgress called after each commit with the rows written so far and the total (-1 when the
 *     total is not known in advance, as for files)
 * @param onFileProgress for file ingests, called as each file is fully handed to the writer, with the
 *     files done and the files in the call
 * @param chunkSize text chunk size in characters
 * @param chunkOverlap text chunk overlap in characters
 * @param pdfDpi PDF render resolution
 * @param workers files normalised in parallel
 */
public record IngestOptions(Format format, Map<String, String> schema, List<String> index, ProgressListener onProgress,
        ProgressListener onFileProgress, int chunkSize, int chunkOverlap, int pdfDpi, int workers) {

    /** Receives progress of an ingest, on the ingesting thread, after each commit. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * @param rowsWritten rows committed so far by this ingest
         * @param total the rows this ingest will write, or -1 when not known in advance
         */
        void onProgress(long rowsWritten, long total);
    }

    public IngestOptions {
        schema = schema == null ? Map.of() : Map.copyOf(schema);
        index = index == null ? List.of() : List.copyOf(index);
        onProgress = onProgress == null ? (written, total) -> { } : onProgress;
        onFileProgress = onFileProgress == null ? (done, total) -> { } : onFileProgress;
    }

    /** @return the defaults */
    public static IngestOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings handed to chunkers, validated */
    public IngestSettings settings(Path tempDir) {
        return new IngestSettings(chunkSize, chunkOverlap, pdfDpi, workers, tempDir);
    }

    /** Builds {@link IngestOptions}. */
    public static final class Builder {
        private Format format;
        private final Map<String, String> schema = new LinkedHashMap<>();
        private List<String> index = List.of();
        private ProgressListener onProgress;
        private ProgressListener onFileProgress;
        private int chunkSize = IngestSettings.DEFAULT_CHUNK_SIZE;
        private int chunkOverlap = IngestSettings.DEFAULT_CHUNK_OVERLAP;
        private int pdfDpi = IngestSettings.DEFAULT_PDF_DPI;
        private int workers = IngestSettings.DEFAULT_WORKERS;

        private Builder() {}

        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        /** Sets explicit column types, e.g. {@code Map.of("path", "FILE")}. */
        public Builder schema(Map<String, String> schema) {
            this.schema.clear();
            this.schema.putAll(schema);
            return this;
        }

        public Builder index(List<String> columns) {
            this.index = List.copyOf(columns);
            return this;
        }

        public Builder index(String... columns) {
            return index(List.of(columns));
        }

        public Builder onProgress(ProgressListener listener) {
            this.onProgress = listener;
            return this;
        }

        /** Receives (files done, files in the call) during a file ingest. */
        public Builder onFileProgress(ProgressListener listener) {
            this.onFileProgress = listener;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder chunkOverlap(int chunkOverlap) {
            this.chunkOverlap = chunkOverlap;
            return this;
        }

        public Builder pdfDpi(int pdfDpi) {
            this.pdfDpi = pdfDpi;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public IngestOptions build() {
            return new IngestOptions(format, schema, index, onProgress, onFileProgress, chunkSize, chunkOverlap, pdfDpi, workers);
        }
    }
}
