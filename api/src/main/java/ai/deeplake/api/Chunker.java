package ai.deeplake.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.ExtensionPoint;

/**
 * Cuts one kind of file into rows: one chunker per file type (text, image, PDF, video, the binary
 * fallback), each shipped in its own plugin.
 *
 * <p>The engine adds the {@code id} (a fresh UUID per row) and {@code file_id} (one UUID per source
 * file) columns in front of the columns a chunker yields, so {@link #schema()} and the batches leave
 * them out. A chunker is called from several threads at once, for different files: keep it
 * stateless. It should stream: emit batches as it goes rather than hold a whole file in memory.
 */
public interface Chunker extends ExtensionPoint {
    /** The extension that makes a chunker the fallback for every extension no other chunker claims. */
    String ANY_EXTENSION = "*";

    /** @return a short name for messages and listings, e.g. {@code "text"} */
    String name();

    /** @return the lower-case extensions handled, without the dot ({@code "txt"}), or {@link #ANY_EXTENSION} */
    Set<String> extensions();

    /** @return the columns each row has, in order, without {@code id} and {@code file_id} */
    Schema schema();

    /**
     * @return the IMAGE columns the engine makes thumbnails of (32, 64, 128 and 256 px JPEGs in the
     *     workspace's {@code thumbnails} table); none by default, as for PDF pages and video frames
     */
    default List<String> imageColumns() {
        return List.of();
    }

    /**
     * Cuts {@code file} into rows and hands them to {@code out} in order, a batch at a time.
     *
     * @throws IOException when the file cannot be read; a file that is not of the type it claims to
     *     be should rather raise {@link IngestError} naming the file and the cause
     */
    void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException;
}
