package ai.deeplake.formats.coco;

import java.util.Arrays;

/**
 * COCO's compressed RLE strings (pycocotools' {@code rleFrString}): each count is written in 5-bit
 * groups, low group first, as characters from {@code '0'} (48); bit 0x20 of a group says another
 * follows, and bit 0x10 of the last group is the sign. From the fourth count on, a count is stored
 * as its difference to the count two before it (runs of 0s and of 1s are each similar in length).
 */
final class Rle {
    private Rle() {}

    /**
     * @return the run lengths the string encodes
     * @throws BadJson when the string is cut short, has a character outside the encoding or decodes
     *     to a negative or too large run
     */
    static int[] decode(String s) {
        int[] counts = new int[Math.max(4, s.length())];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p == s.length()) {
                    throw new BadJson("compressed RLE \"counts\" ends in the middle of a number");
                }
                int c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new BadJson("compressed RLE \"counts\" has the character '" + s.charAt(p) + "' at " + p
                            + ", outside '0'..'o'");
                }
                if (k > 6) {
                    throw new BadJson("compressed RLE \"counts\" has a number too long at " + p);
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new BadJson("compressed RLE \"counts\" decodes to the run " + x + " (count " + m + ")");
            }
            counts[m++] = (int) x;
        }
        return Arrays.copyOf(counts, m);
    }
}
