package ai.deeplake.core.engine;

import java.security.SecureRandom;

/**
 * Makes the {@code _id} values of one ingest call: UUID-formatted (version 8) strings whose first 64
 * bits are random per call and whose last 64 bits count rows. The shared prefix lets a failed ingest
 * remove exactly its own rows, and counting is far cheaper than {@code UUID.randomUUID()} per row.
 */
final class RowIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final char[] buffer = new char[36];
    private final String prefix;
    private long counter;

    RowIds() {
        long hi = (RANDOM.nextLong() & ~0xF000L) | 0x8000L;
        hex(hi >>> 32, 8, 0);
        buffer[8] = '-';
        hex(hi >>> 16, 4, 9);
        buffer[13] = '-';
        hex(hi, 4, 14);
        buffer[18] = '-';
        buffer[23] = '-';
        prefix = new String(buffer, 0, 19);
    }

    /** @return the 19 characters every id of this call starts with */
    String prefix() {
        return prefix;
    }

    /** @return the next id */
    String next() {
        long lo = (counter++ & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        hex(lo >>> 48, 4, 19);
        hex(lo, 12, 24);
        return new String(buffer);
    }

    private void hex(long value, int digits, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            buffer[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
