package ai.deeplake.server;

import ai.deeplake.core.engine.StatementResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A wire form of the streaming endpoint: how its column header, batches, end and error are
 * written. One instance serves one response.
 */
interface BatchFormat {
    /** @return the response content type */
    String contentType();

    /** Writes what comes before the first batch (the columns, once known). */
    void start(List<WireColumn> columns) throws IOException;

    /**
     * Reads up to {@code max} rows from the result and writes them as one batch.
     *
     * @param always write the batch even when no rows are left (to announce the columns of an empty result)
     * @return the rows written; fewer than {@code max} once the result is exhausted
     */
    int batch(StatementResult result, int max, boolean always) throws IOException;

    /** Sends everything written so far to the client. */
    void flush() throws IOException;

    /** Writes the successful end: the rows sent, or the rows changed by a statement without a result set. */
    void end(long rowCount) throws IOException;

    /** Writes a failure that happened after the answer started; nothing follows it. */
    void error(ErrorMapper.Failure failure) throws IOException;

    /**
     * @param accept the request's {@code Accept} header, possibly null
     * @return the frames form when asked for, else JSON lines
     */
    static BatchFormat forAccept(String accept, OutputStream out) {
        if (accept != null && accept.contains(FrameFormat.CONTENT_TYPE)) {
            return new FrameFormat(out);
        }
        return new JsonLinesFormat(out);
    }
}
