package ai.deeplake.server;

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

    /** Writes one batch of rows (possibly none, to announce the columns of an empty result). */
    void batch(List<WireColumn> columns, List<Object[]> rows) throws IOException;

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
