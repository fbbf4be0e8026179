package ai.deeplake.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The server's JSON settings, in one place. */
final class Json {
    /**
     * Bodies and small answers. Trailing content after the body's JSON value is an error, like any
     * other malformed JSON.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Generators for answers written value by value: the fast float writer (vectors are most of
     * the bytes), and the target stream left open, because one stream carries many documents.
     */
    static final JsonFactory STREAMING = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private Json() {}
}
