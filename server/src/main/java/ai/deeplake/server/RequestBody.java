package ai.deeplake.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Reads a request body as one JSON object, refusing bodies over the server's limit (413) and
 * malformed JSON (400 "Malformed JSON: ..."), and reads its fields with the same 400 answers.
 */
final class RequestBody {
    private final ObjectMapper json;
    private final long limitBytes;

    RequestBody(ObjectMapper json, long limitBytes) {
        this.json = json;
        this.limitBytes = limitBytes;
    }

    /** @return the body, a JSON object */
    JsonNode object(Context ctx) {
        if (ctx.req().getContentLengthLong() > limitBytes) {
            throw ApiException.tooLarge(limitBytes);
        }
        JsonNode body;
        // Counted while read, because a chunked body declares no length up front.
        try (InputStream in = new Limited(ctx.req().getInputStream(), limitBytes)) {
            body = json.readTree(in);
        } catch (TooLarge e) {
            throw ApiException.tooLarge(limitBytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("Malformed JSON: the request body is empty; send a JSON object");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("Malformed JSON: the request body must be a JSON object, not " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return body;
    }

    /** Reads a body in a binary form. */
    @FunctionalInterface
    interface BinaryReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Hands the raw body to {@code reader}, counted against the limit as it is read (413 past it);
     * 400 when the reader finds it malformed ({@link IOException}).
     */
    <T> T binary(Context ctx, BinaryReader<T> reader) {
        if (ctx.req().getContentLengthLong() > limitBytes) {
            throw ApiException.tooLarge(limitBytes);
        }
        try (InputStream in = new Limited(ctx.req().getInputStream(), limitBytes)) {
            return reader.read(in);
        } catch (TooLarge e) {
            throw ApiException.tooLarge(limitBytes);
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed body: " + e.getMessage());
        }
    }

    /** @return the field's text; 400 "{@code <field>} is required" when it is missing, null or empty */
    static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    /** @return the field's text, or null when it is missing or null; 400 when it is not a string */
    static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    /** @return the field's positive integer value, or {@code fallback} when it is missing or null */
    static long positiveLong(JsonNode body, String field, long fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            throw ApiException.badRequest(field + " must be a positive integer");
        }
        return node.asLong();
    }

    /** @return {@code timeout_ms} of the body, or {@code fallback} when it has none */
    static Duration timeout(JsonNode body, Duration fallback) {
        long ms = positiveLong(body, "timeout_ms", -1);
        return ms < 0 ? fallback : Duration.ofMillis(ms);
    }

    /** Thrown by {@link Limited} past the limit. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    /** Fails with {@link TooLarge} once more than {@code limit} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws TooLarge {
            remaining -= n;
            if (remaining < 0) {
                throw new TooLarge();
            }
        }
    }
}
