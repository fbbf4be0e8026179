package ai.deeplake.plugin.video;

import ai.deeplake.api.IngestError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The two segment lists ffmpeg prints while it cuts (see {@link CutPlan}), read line by line: pairs
 * each clip with the thumbnail whose time falls inside the clip.
 *
 * <p>A clip is handed out once its thumbnail is known: listed, or known to be missing because a later
 * thumbnail or the end of the lists came first. Thumbnails are normally listed just after their clip;
 * one that falls in no clip waiting (which would take a keyframe the decoder skipped) is passed over.
 */
final class SegmentList {
    /** A finished file: its name in the work folder and the times it spans in the video, in seconds. */
    record Entry(String file, double start, double end) {}

    /** A clip ready to become a row. @param thumbnail the clip's thumbnail, or null when none was made */
    record Clip(int index, Entry clip, Entry thumbnail) {}

    private final Deque<Entry> clips = new ArrayDeque<>();
    private final Deque<Entry> thumbnails = new ArrayDeque<>();
    private boolean ended;
    private int handedOut;

    /** Reads a line of ffmpeg's CSV segment list: {@code file,start,end}. */
    void add(String line) {
        Entry entry = parse(line);
        if (entry.file().startsWith(CutPlan.THUMBNAIL_PREFIX)) {
            thumbnails.add(entry);
        } else if (entry.file().startsWith(CutPlan.CLIP_PREFIX)) {
            clips.add(entry);
        } else {
            throw new IngestError("unexpected line in ffmpeg's segment list: " + line);
        }
    }

    /** Notes that the lists are complete. */
    void end() {
        ended = true;
    }

    /** @return the next clip, when it and its thumbnail are known */
    Optional<Clip> next() {
        Entry clip = clips.peek();
        if (clip == null) {
            return Optional.empty();
        }
        while (!thumbnails.isEmpty() && thumbnails.peek().start() < clip.start()) {
            thumbnails.poll();
        }
        Entry first = thumbnails.peek();
        boolean inside = first != null && first.start() < clip.end();
        if (!inside && first == null && !ended) {
            return Optional.empty();
        }
        clips.poll();
        return Optional.of(new Clip(handedOut++, clip, inside ? thumbnails.poll() : null));
    }

    /** @return the number of clips handed out so far */
    int handedOut() {
        return handedOut;
    }

    /**
     * Parses a CSV line. The times are the last two fields, so a quoted file name holding a comma
     * still parses; the names this plugin gives never need quotes.
     */
    static Entry parse(String line) {
        int endComma = line.lastIndexOf(',');
        int startComma = endComma <= 0 ? -1 : line.lastIndexOf(',', endComma - 1);
        if (startComma <= 0) {
            throw new IngestError("unexpected line in ffmpeg's segment list: " + line);
        }
        String file = line.substring(0, startComma);
        if (file.length() >= 2 && file.startsWith("\"") && file.endsWith("\"")) {
            file = file.substring(1, file.length() - 1).replace("\"\"", "\"");
        }
        try {
            return new Entry(file, Double.parseDouble(line.substring(startComma + 1, endComma)),
                    Double.parseDouble(line.substring(endComma + 1)));
        } catch (NumberFormatException e) {
            throw new IngestError("unexpected line in ffmpeg's segment list: " + line, e);
        }
    }
}
