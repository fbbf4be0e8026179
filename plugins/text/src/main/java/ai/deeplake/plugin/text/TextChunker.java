package ai.deeplake.plugin.text;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * The text {@link Chunker}: cuts a text file into chunks of {@link IngestSettings#chunkSize()} code
 * points, consecutive chunks sharing {@link IngestSettings#chunkOverlap()} code points.
 *
 * <p>Chunk {@code k} holds code points {@code [k*step, k*step + chunkSize)} with
 * {@code step = chunkSize - chunkOverlap}, cut short at the end of the text; the last chunk is the
 * first one that reaches the end, so no chunk lies wholly inside the one before it. An empty file
 * yields no rows, a text shorter than {@code chunkSize} one. Lengths count code points, so a
 * surrogate pair is never split, while a combining mark counts as a code point of its own.
 *
 * <p>The charset comes from the byte order mark (UTF-8, UTF-16LE or UTF-16BE; the mark is dropped)
 * and is UTF-8 without one. Bytes that are not valid in that charset raise {@link IngestError} naming
 * the file and the byte offset; they are never replaced. The file is streamed: memory holds one chunk
 * and one batch of at most 1000 rows, whatever the file size. Batches
 * already handed out when an error is found stay handed out; discarding them is up to the caller.
 *
 * <p>Rows have the columns {@value #CHUNK_INDEX} (INT64, from 0) and {@value #TEXT}. The instance
 * keeps no state, so one serves every worker thread.
 */
@Extension
public final class TextChunker implements Chunker {
    /** The column holding the chunk's position in its file, counted from 0. */
    public static final String CHUNK_INDEX = "chunk_index";
    /** The column holding the chunk's text. */
    public static final String TEXT = "text";

    private static final Set<String> EXTENSIONS = Set.of("txt", "md", "csv", "json", "xml", "html");
    private static final Schema SCHEMA = Schema.builder()
            .add(CHUNK_INDEX, ColumnType.INT64)
            .add(TEXT, ColumnType.TEXT)
            .build();

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException {
        try (Reader reader = StrictTextReader.open(file)) {
            new ChunkWindow(settings.chunkSize(), settings.chunkOverlap(), out).cut(reader);
        }
    }
}
