package ai.deeplake.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.pf4j.ExtensionPoint;

/**
 * A dataset format (COCO, LeRobot, HuggingFace, or your own): turns a dataset on disk or on the
 * network into column batches that become the rows of one table.
 *
 * <p>Pass an instance to {@code IngestOptions.builder().format(...)}. The schema used is, in order of
 * precedence, the caller's explicit schema, then {@link #schema()}, then inference from the first
 * batch.
 */
public interface Format extends ExtensionPoint {

    /**
     * Yields the dataset's rows as batches, in order. {@code out} may block while earlier batches are
     * written: that is how memory stays bounded, so don't buffer batches yourself.
     */
    void normalize(Consumer<Batch> out) throws IOException;

    /** @return the column types of the batches, when the format knows them */
    default Optional<Schema> schema() {
        return Optional.empty();
    }

    /** @return the columns holding images, for which thumbnails are made; by default the IMAGE columns of {@link #schema()} */
    default List<String> imageColumns() {
        return schema().map(s -> s.namesOf(ColumnType.IMAGE)).orElse(List.of());
    }
}
