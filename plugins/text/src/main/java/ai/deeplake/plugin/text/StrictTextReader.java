package ai.deeplake.plugin.text;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decodes a text file strictly. The charset comes from the byte order mark (UTF-8, UTF-16LE,
 * UTF-16BE), UTF-8 when there is none, and the mark itself is dropped. Bytes that are not valid in
 * that charset raise {@link IngestError} naming the file, the bytes and their offset.
 *
 * <p>It decodes with its own {@link CharsetDecoder} rather than through
 * {@link java.io.InputStreamReader} because it must know the byte offset of a fault, which a
 * {@link java.nio.charset.MalformedInputException} does not carry.
 */
final class StrictTextReader extends Reader {
    private static final int BUFFER_BYTES = 8192;
    private static final int LONGEST_BOM = 3;

    private final InputStream in;
    private final String source;
    private final CharsetDecoder decoder;
    /** Bytes read but not decoded yet, between position and limit. */
    private final ByteBuffer bytes;
    /** The file offset of {@code bytes}' first array element, so faults can name their offset. */
    private long bufferOffset;
    private boolean endOfInput;
    private boolean finished;

    private StrictTextReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        byte[] buffer = new byte[BUFFER_BYTES];
        int head = in.readNBytes(buffer, 0, LONGEST_BOM);
        Charset charset = StandardCharsets.UTF_8;
        int bom = 0;
        if (startsWith(buffer, head, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
        } else if (startsWith(buffer, head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (startsWith(buffer, head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        }
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = ByteBuffer.wrap(buffer, bom, head - bom);
    }

    /**
     * Opens {@code file} for strict decoding.
     *
     * @throws IOException when the file cannot be read
     */
    static StrictTextReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new StrictTextReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean startsWith(byte[] buffer, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((buffer[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** @throws IngestError when the bytes are not valid text in the file's charset */
    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (finished) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                throw invalid(result.length());
            }
            if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(out);
                    finished = true;
                    break;
                }
                fill();
            }
        }
        int count = out.position() - offset;
        return count == 0 ? -1 : count;
    }

    private void fill() throws IOException {
        bufferOffset += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private IngestError invalid(int length) {
        int start = bytes.position();
        StringBuilder shown = new StringBuilder();
        for (int i = start; i < start + length; i++) {
            shown.append(shown.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(i) & 0xFF));
        }
        boolean truncated = endOfInput && start + length == bytes.limit();
        return new IngestError(source + ": not valid " + decoder.charset().name() + " text: "
                + (truncated ? "the file ends inside a character, " : "malformed ")
                + "byte" + (length == 1 ? " " : "s ") + shown + " at byte offset " + (bufferOffset + start));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
