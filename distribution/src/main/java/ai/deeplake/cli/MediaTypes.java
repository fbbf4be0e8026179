package ai.deeplake.cli;

/** Names the media type of binary values by their magic bytes, for display. */
final class MediaTypes {
    private MediaTypes() {}

    static String sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, 'B', 'M')) {
            return "image/bmp";
        }
        if (starts(b, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (b.length > 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (b.length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        if (starts(b, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "video/webm";
        }
        return "binary";
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
