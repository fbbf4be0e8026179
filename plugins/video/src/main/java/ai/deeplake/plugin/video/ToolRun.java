package ai.deeplake.plugin.video;

import ai.deeplake.api.IngestError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of ffmpeg or ffprobe whose standard output is read line by line as it comes.
 *
 * <p>A reader thread moves output lines into a queue so that the caller waits on the queue, not on
 * the pipe: a blocked pipe read ignores {@link Thread#interrupt()}, a queue does not. The process is
 * killed when the caller is interrupted, when it prints nothing for the stall timeout, and on
 * {@link #close()} if it still runs; {@code close()} waits until it is gone, so no zombie is left and
 * it writes no more files once the caller deletes its folder. Standard error goes to a file, read
 * when the run fails.
 */
final class ToolRun implements AutoCloseable {
    /** At most this much of standard error goes into a message. */
    private static final int MAX_ERROR_CHARS = 2000;
    private static final Object END = new Object();

    private final String description;
    private final Process process;
    private final Path stderr;
    private final Duration stallTimeout;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private boolean ended;

    private ToolRun(String description, Process process, Path stderr, Duration stallTimeout) {
        this.description = description;
        this.process = process;
        this.stderr = stderr;
        this.stallTimeout = stallTimeout;
        this.reader = new Thread(this::readOutput, "deeplake-video-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command}.
     *
     * @param description what runs on what, for messages ({@code "ffmpeg on /v/a.mp4"})
     * @param stderr the file standard error is written to
     * @param stallTimeout how long the process may print nothing before it is killed
     */
    static ToolRun start(String description, List<String> command, Path stderr, Duration stallTimeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        // Neither tool reads its input; closing it makes sure none ever waits for it.
        process.getOutputStream().close();
        return new ToolRun(description, process, stderr, stallTimeout);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process was killed while we read; nextLine() reports why it was killed.
        } finally {
            lines.add(END);
        }
    }

    /**
     * @return the next line of standard output, or null once the output has ended
     * @throws IngestError when the process printed nothing for the stall timeout (it is killed)
     * @throws InterruptedIOException when the calling thread is interrupted (the process is killed and
     *     the thread's interrupt flag stays set)
     */
    String nextLine() throws InterruptedIOException {
        if (ended) {
            return null;
        }
        Object line;
        try {
            line = lines.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        if (line == null) {
            kill();
            throw new IngestError(description + " printed nothing for " + stallTimeout.toSeconds() + " s and was stopped");
        }
        if (line == END) {
            ended = true;
            return null;
        }
        return (String) line;
    }

    /**
     * Reads the rest of the output and waits for the process to exit.
     *
     * @return the exit code
     */
    int finish() throws InterruptedIOException {
        while (nextLine() != null) {
            // Output after the caller has what it needs is of no interest, but must be drained.
        }
        try {
            if (!process.waitFor(stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IngestError(description + " closed its output but did not exit within "
                        + stallTimeout.toSeconds() + " s and was stopped");
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        return process.exitValue();
    }

    /** @return what the process wrote to standard error, trimmed; only the start when it is long */
    String errors() {
        char[] start = new char[MAX_ERROR_CHARS + 1];
        // A decoder, not Files.newBufferedReader: bytes that are not UTF-8 (a file name in another
        // encoding) must not make the message unreadable.
        try (Reader in = new InputStreamReader(Files.newInputStream(stderr), StandardCharsets.UTF_8)) {
            int length = 0;
            for (int n = 0; n >= 0 && length < start.length; n = in.read(start, length, start.length - length)) {
                length += n;
            }
            String text = new String(start, 0, Math.min(length, MAX_ERROR_CHARS)).strip();
            return length > MAX_ERROR_CHARS ? text + " ..." : text;
        } catch (IOException e) {
            return "(standard error unreadable: " + e.getMessage() + ")";
        }
    }

    private InterruptedIOException interrupted() {
        kill();
        Thread.currentThread().interrupt();
        return new InterruptedIOException(description + " was interrupted and stopped");
    }

    /** Kills the process and waits until it has exited, even when this thread is interrupted. */
    private void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive() || reader.isAlive()) {
            kill();
        }
    }
}
