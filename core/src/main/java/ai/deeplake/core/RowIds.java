package ai.deeplake.core;

import java.security.SecureRandom;

/**
 * Makes the {@code _id} values of one ingest call: UUID-formatted (version 8) strings whose first 64
 * bits are random per call and whose last 64 bits are the row's number within the call. The shared
 * prefix lets a failed ingest remove exactly its own rows, ids sort in ingest order, and formatting a
 * number is far cheaper than {@code UUID.randomUUID()} per row. Thread-safe.
 */
public final class RowIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final char[] prefixChars = new char[19];
    private final String prefix;

    /** Starts the ids of a new ingest call with a fresh random prefix. */
    public RowIds() {
        long hi = (RANDOM.nextLong() & ~0xF000L) | 0x8000L;
        hex(prefixChars, hi >>> 32, 8, 0);
        prefixChars[8] = '-';
        hex(prefixChars, hi >>> 16, 4, 9);
        prefixChars[13] = '-';
        hex(prefixChars, hi, 4, 14);
        prefixChars[18] = '-';
        prefix = new String(prefixChars);
    }

    /**
     * Continues the ids of an ingest call begun elsewhere (a client sending its rows to a server).
     *
     * @param prefix what {@link #prefix()} gave there
     * @throws IllegalArgumentException when it is not such a prefix
     */
    public RowIds(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a row id prefix: '" + prefix + "'");
        }
        prefix.getChars(0, prefixChars.length, prefixChars, 0);
        this.prefix = prefix;
    }

    /** @return the 19 characters every id of this call starts with */
    public String prefix() {
        return prefix;
    }

    /** @return the id of the call's row number {@code row} */
    public String id(long row) {
        char[] buffer = new char[36];
        System.arraycopy(prefixChars, 0, buffer, 0, prefixChars.length);
        long lo = (row & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        hex(buffer, lo >>> 48, 4, 19);
        buffer[23] = '-';
        hex(buffer, lo, 12, 24);
        return new String(buffer);
    }

    private static void hex(char[] buffer, long value, int digits, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            buffer[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
