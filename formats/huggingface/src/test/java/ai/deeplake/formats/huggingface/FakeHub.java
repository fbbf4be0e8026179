package ai.deeplake.formats.huggingface;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * A HuggingFace Hub on a loopback port, answering the paths the format calls: the Parquet listing
 * {@code /api/datasets/{name}/parquet} and the files it lists,
 * {@code /api/datasets/{name}/parquet/{config}/{split}/{n}.parquet}, with HTTP Range and If-Range
 * support like the real Hub's CDN. Records every request.
 */
final class FakeHub implements AutoCloseable {
    private static final Pattern FILE = Pattern.compile("/api/datasets/(.+)/parquet/([^/]+)/([^/]+)/(\\d+)\\.parquet");
    private static final Pattern LISTING = Pattern.compile("/api/datasets/(.+)/parquet");

    private final MockWebServer server = new MockWebServer();
    /** dataset -> config -> split -> files */
    private final Map<String, Map<String, Map<String, List<byte[]>>>> datasets = new ConcurrentHashMap<>();
    /** Fixed answers by path, for the error cases. */
    private final Map<String, MockResponse> fixed = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean honourRange = true;
    private volatile String requiredToken;
    private volatile String breakNext;

    FakeHub() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves a dataset's split as these Parquet files. */
    FakeHub add(String dataset, String config, String split, byte[]... files) {
        datasets.computeIfAbsent(dataset, d -> new LinkedHashMap<>()).computeIfAbsent(config, c -> new LinkedHashMap<>())
                .put(split, List.of(files));
        return this;
    }

    /** Answers every request for {@code path} with {@code response}. */
    FakeHub fix(String path, MockResponse response) {
        fixed.put(path, response);
        return this;
    }

    /** Makes the next download of a file whose path ends with {@code suffix} break off partway, as a dropped connection does. */
    FakeHub breakNext(String suffix) {
        breakNext = suffix;
        return this;
    }

    /** Like a server that ignores {@code Range} and always sends the whole file. */
    FakeHub ignoreRange() {
        honourRange = false;
        return this;
    }

    /** Answers 401 unless {@code Authorization: Bearer token}, like a gated dataset. */
    FakeHub requireToken(String token) {
        requiredToken = token;
        return this;
    }

    String endpoint() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** @return the URL of a file of a dataset, as the listing gives it */
    String fileUrl(String dataset, String config, String split, int n) {
        return endpoint() + "/api/datasets/" + dataset + "/parquet/" + config + "/" + split + "/" + n + ".parquet";
    }

    /** @return the requests for paths ending with {@code suffix}, in order */
    List<RecordedRequest> requests(String suffix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.getUrl().encodedPath().endsWith(suffix)).toList();
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (requiredToken != null && !("Bearer " + requiredToken).equals(request.getHeaders().get("Authorization"))) {
            return new MockResponse.Builder().code(401).body("{\"error\":\"Invalid credentials in Authorization header\"}").build();
        }
        if (fixed.containsKey(path)) {
            return fixed.get(path);
        }
        Matcher file = FILE.matcher(path);
        if (file.matches()) {
            List<byte[]> files = datasets.getOrDefault(file.group(1), Map.of()).getOrDefault(file.group(2), Map.of())
                    .getOrDefault(file.group(3), List.of());
            int n = Integer.parseInt(file.group(4));
            if (n >= files.size()) {
                return notFound();
            }
            MockResponse response = bytes(files.get(n), request.getHeaders().get("Range"), request.getHeaders().get("If-Range"));
            if (breakNext != null && path.endsWith(breakNext)) {
                breakNext = null;
                return new MockResponse.Builder(response).onResponseBody(new SocketEffect.CloseSocket()).build();
            }
            return response;
        }
        Matcher listing = LISTING.matcher(path);
        if (listing.matches() && datasets.containsKey(listing.group(1))) {
            String dataset = listing.group(1);
            Map<String, Map<String, List<String>>> urls = new LinkedHashMap<>();
            datasets.get(dataset).forEach((config, splits) -> splits.forEach((split, files) -> {
                List<String> list = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    list.add(fileUrl(dataset, config, split, i));
                }
                urls.computeIfAbsent(config, c -> new LinkedHashMap<>()).put(split, list);
            }));
            try {
                return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                        .body(new ObjectMapper().writeValueAsString(urls)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return notFound();
    }

    /** @return the file's strong ETag: its content's hash, as a CDN gives */
    static String etag(byte[] file) {
        return "\"" + Integer.toHexString(Arrays.hashCode(file)) + "\"";
    }

    private MockResponse bytes(byte[] file, String range, String ifRange) {
        String etag = etag(file);
        if (range != null && honourRange && (ifRange == null || ifRange.equals(etag))) {
            long from = Long.parseLong(range.replaceFirst("bytes=(\\d+)-$", "$1"));
            if (from >= file.length) {
                return new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + file.length).build();
            }
            return new MockResponse.Builder().code(206).addHeader("ETag", etag)
                    .addHeader("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length)
                    .body(new Buffer().write(Arrays.copyOfRange(file, (int) from, file.length))).build();
        }
        return new MockResponse.Builder().addHeader("ETag", etag).body(new Buffer().write(file)).build();
    }

    private static MockResponse notFound() {
        return new MockResponse.Builder().code(404).body("{\"error\":\"Repository not found\"}").build();
    }

    @Override
    public void close() {
        server.close();
    }
}
