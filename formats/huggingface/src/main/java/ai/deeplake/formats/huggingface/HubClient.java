package ai.deeplake.formats.huggingface;

import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Hub calls the format makes, for one dataset: the list of its Parquet files, and their
 * download. Every failure is an {@link IngestError} naming the dataset, the URL and, for an HTTP
 * answer, its status.
 */
final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 64 * 1024;

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String token;
    private final String dataset;

    /**
     * @param token the Hub token sent as {@code Authorization: Bearer}, or null
     * @param dataset the dataset's name, for error messages and the API path
     */
    HubClient(OkHttpClient http, String endpoint, String token, String dataset) {
        this.http = http;
        HttpUrl url = HttpUrl.parse(endpoint);
        if (url == null) {
            throw new IngestError("HuggingFace dataset '" + dataset + "': the Hub endpoint '" + endpoint + "' is not an http(s) URL");
        }
        this.endpoint = url;
        this.token = token;
        this.dataset = dataset;
    }

    /**
     * {@code GET {endpoint}/api/datasets/{name}/parquet}: the Parquet files the Hub converted the
     * dataset to (branch {@code refs/convert/parquet}), as {@code {config: {split: [url, ...]}}}.
     */
    Map<String, Map<String, List<String>>> parquetFiles() {
        HttpUrl url = endpoint.newBuilder().addPathSegments("api/datasets").addPathSegments(dataset).addPathSegment("parquet").build();
        try (Response response = call(url.toString(), null, null)) {
            String body = response.body().string();
            try {
                Map<String, Map<String, List<String>>> files = JSON.readValue(body, new TypeReference<Map<String, Map<String, List<String>>>>() {});
                if (files == null) {
                    throw new IOException("empty answer");
                }
                return files;
            } catch (IOException notTheShape) {
                throw new IngestError(where(url.toString()) + ": the Hub's answer is not a {config: {split: [urls]}} list of Parquet files ("
                        + notTheShape.getMessage().lines().findFirst().orElse("") + "): " + abbreviate(body), notTheShape);
            }
        } catch (IOException e) {
            throw unreachable(url.toString(), e);
        }
    }

    /**
     * Downloads a Parquet file to {@code target}, unless a completed download is there already. The
     * bytes go to {@code target.part} first; an interrupted download is resumed from there with an
     * HTTP {@code Range} request, and starts over when the server ignores the range. The file's
     * ETag, kept beside the part, goes along as {@code If-Range}, so a file that changed on the Hub
     * in between is fetched whole instead of being spliced onto the old bytes.
     *
     * @return {@code target}
     * @throws IngestError naming the dataset and URL when the download fails or is not a Parquet file
     */
    Path download(String url, Path target, DownloadProgress progress) {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path etag = target.resolveSibling(target.getFileName() + ".part.etag");
        try {
            Files.createDirectories(target.getParent());
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            String ifRange = have > 0 && Files.isRegularFile(etag) ? Files.readString(etag) : null;
            try (Response response = call(url, have > 0 ? "bytes=" + have + "-" : null, ifRange)) {
                if (response.code() == 416) {
                    // The part is no prefix of the file (it changed on the Hub, or the part is whole): start over.
                    Files.delete(part);
                    Files.deleteIfExists(etag);
                    return download(url, target, progress);
                }
                boolean resumed = have > 0 && response.code() == 206 && rangeStartsAt(response, have);
                if (!resumed) {
                    keepEtag(response, etag);
                }
                long done = resumed ? have : 0;
                long length = response.body().contentLength();
                long total = length < 0 ? -1 : done + length;
                progress.progress(url, done, total);
                try (InputStream in = response.body().byteStream();
                        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        done += n;
                        progress.progress(url, done, total);
                    }
                }
                if (total >= 0 && done != total) {
                    throw new IOException("the connection closed after " + done + " of " + total + " bytes");
                }
            }
        } catch (IOException e) {
            throw new IngestError(where(url) + ": download failed: " + e.getMessage()
                    + " (what arrived is kept in " + part + " and resumed next time)", e);
        }
        checkParquet(url, part);
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(etag);
        } catch (IOException e) {
            throw new IngestError(where(url) + ": cannot move the download into the cache at " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** A download that is not Parquet (an HTML error page, say) is deleted, so the next run fetches it again. */
    private void checkParquet(String url, Path file) {
        try {
            long size = Files.size(file);
            byte[] head;
            byte[] tail = new byte[PARQUET_MAGIC.length];
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(Math.max(PARQUET_MAGIC.length, 64));
            }
            if (size >= 2L * PARQUET_MAGIC.length) {
                try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                    channel.position(size - PARQUET_MAGIC.length);
                    channel.read(ByteBuffer.wrap(tail));
                }
            }
            if (size < 2L * PARQUET_MAGIC.length || !Arrays.equals(Arrays.copyOf(head, PARQUET_MAGIC.length), PARQUET_MAGIC)
                    || !Arrays.equals(tail, PARQUET_MAGIC)) {
                Files.delete(file);
                throw new IngestError(where(url) + ": the download is not a Parquet file (" + size + " bytes starting with '"
                        + abbreviate(new String(head, StandardCharsets.UTF_8)) + "')");
            }
        } catch (IOException e) {
            throw new IngestError(where(url) + ": cannot check the download " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps a strong ETag for {@code If-Range} (weak ones may not be used there), or none. */
    private static void keepEtag(Response response, Path file) throws IOException {
        String etag = response.header("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            Files.writeString(file, etag);
        } else {
            Files.deleteIfExists(file);
        }
    }

    private static boolean rangeStartsAt(Response response, long offset) {
        String range = response.header("Content-Range");
        return range != null && range.trim().startsWith("bytes " + offset + "-");
    }

    /** @return a successful response, or a 416 to a range request (the caller closes it) */
    private Response call(String url, String range, String ifRange) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
            if (ifRange != null) {
                request.header("If-Range", ifRange);
            }
        }
        Response response;
        try {
            response = http.newCall(request.build()).execute();
        } catch (IOException e) {
            throw unreachable(url, e);
        }
        if (response.isSuccessful() || (range != null && response.code() == 416)) {
            return response;
        }
        try (ResponseBody body = response.body()) {
            String detail = abbreviate(body.string());
            throw new IngestError(where(url) + ": HTTP " + response.code() + switch (response.code()) {
                case 401, 403 -> ": not authorized; the dataset may be private or gated: set HF_TOKEN (or the token option) to a token that can read it";
                case 404 -> ": not found; check the dataset name, config and split";
                default -> "";
            } + (detail.isEmpty() ? "" : " (" + detail + ")"));
        } finally {
            response.close();
        }
    }

    private IngestError unreachable(String url, IOException e) {
        return new IngestError(where(url) + ": cannot reach the Hub: " + e, e);
    }

    private String where(String url) {
        return "HuggingFace dataset '" + dataset + "', " + url;
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
