package ai.deeplake.core;

import ai.deeplake.api.Batch;
import java.util.Iterator;

/** Columnar batches of a query's result, read as they are iterated; close it to release the result. */
public interface BatchCursor extends Iterator<Batch>, AutoCloseable {
    @Override
    void close();
}
