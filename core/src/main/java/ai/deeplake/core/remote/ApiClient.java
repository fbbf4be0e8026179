package ai.deeplake.core.remote;

import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.core.remote.HttpErrors.Subject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP plumbing of remote mode on OkHttp's asynchronous calls (no thread waits on a request): auth
 * headers, JSON bodies, per-call timeouts, retries with backoff on 429/503 (honouring
 * {@code Retry-After}) for every call, and on connection failures only for idempotent ones.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_ATTEMPTS = 5;
    private static final long BASE_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deeplake-http-retries");
        t.setDaemon(true);
        return t;
    });

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String token;
    private volatile String orgId;

    ApiClient(OkHttpClient http, String baseUrl, String token) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new ManagedServiceError("Invalid API URL '" + baseUrl + "'");
        }
        this.http = http;
        this.base = parsed;
        this.token = token;
    }

    void orgId(String orgId) {
        this.orgId = orgId;
    }

    String baseUrl() {
        return base.toString();
    }

    JsonNode send(ApiCall call) {
        try {
            return sendAsync(call).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ManagedServiceError(e.getCause().toString(), e.getCause());
        }
    }

    CompletableFuture<JsonNode> sendAsync(ApiCall call) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Request request;
        try {
            request = request(call);
        } catch (IOException e) {
            result.completeExceptionally(new ManagedServiceError("Cannot encode the request to " + call.path() + ": " + e.getMessage(), e));
            return result;
        }
        attempt(call, request, 1, result);
        return result;
    }

    /**
     * Opens a streamed answer (the batch stream): the caller reads and closes the body. No retries:
     * a stream cut halfway cannot be resumed transparently.
     */
    Response stream(ApiCall call, String accept) {
        try {
            Response response = http.newCall(request(call).newBuilder().header("Accept", accept).build()).execute();
            if (!response.isSuccessful()) {
                try (response) {
                    throw HttpErrors.map(response.code(), response.body().string(), call.method(), call.path(), call.subject());
                }
            }
            return response;
        } catch (IOException e) {
            throw new ManagedServiceError("Cannot reach the Deeplake API at " + base + " (" + call.method() + " " + call.path()
                    + "): " + e.getMessage(), e);
        }
    }

    private Request request(ApiCall call) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegments(call.path().replaceFirst("^/", "")).build();
        RequestBody body = call.body() == null ? null
                : call.body() instanceof RequestBody ready ? ready : RequestBody.create(JSON.writeValueAsBytes(call.body()), JSON_TYPE);
        Request.Builder b = new Request.Builder().url(url).method(call.method(), body)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (orgId != null) {
            b.header("X-Activeloop-Org-Id", orgId);
        }
        return b.build();
    }

    private void attempt(ApiCall call, Request request, int attempt, CompletableFuture<JsonNode> result) {
        Call c = http.newCall(request);
        c.timeout().timeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        c.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                if (call.idempotent() && attempt < MAX_ATTEMPTS && !failed.isCanceled() && !isTimeout(e)) {
                    retry(call, request, attempt, backoff(attempt), result);
                } else if (isTimeout(e)) {
                    result.completeExceptionally(new ai.deeplake.api.TableError("Query timed out after " + call.timeout().toMillis()
                            + "ms waiting for " + base + "; increase the timeout: client.query(sql, params, Duration.ofMinutes(5))", e));
                } else {
                    result.completeExceptionally(new ManagedServiceError("Cannot reach the Deeplake API at " + base + " ("
                            + call.method() + " " + call.path() + "): " + e.getMessage(), e));
                }
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response; ResponseBody body = response.body()) {
                    String text = body.string();
                    int status = response.code();
                    if (status >= 200 && status < 300) {
                        result.complete(text.isBlank() ? NullNode.getInstance() : JSON.readTree(text));
                    } else if ((status == 429 || status == 503) && attempt < MAX_ATTEMPTS) {
                        // The server refused the call without running it: safe to retry whatever it is.
                        retry(call, request, attempt, retryAfter(response, attempt), result);
                    } else {
                        result.completeExceptionally(HttpErrors.map(status, text, call.method(), call.path(), call.subject()));
                    }
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new ManagedServiceError("Reading the answer of " + call.method() + " " + call.path()
                            + " failed: " + e.getMessage(), e));
                }
            }
        });
    }

    private void retry(ApiCall call, Request request, int attempt, long delayMs, CompletableFuture<JsonNode> result) {
        RETRIES.schedule(() -> attempt(call, request, attempt + 1, result), delayMs, TimeUnit.MILLISECONDS);
    }

    private static boolean isTimeout(IOException e) {
        return e instanceof java.io.InterruptedIOException && "timeout".equals(e.getMessage());
    }

    private static long backoff(int attempt) {
        long exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << (attempt - 1));
        return exp / 2 + (long) (Math.random() * exp / 2);
    }

    private static long retryAfter(Response response, int attempt) {
        String header = response.header("Retry-After");
        if (header != null) {
            try {
                return Math.min(MAX_BACKOFF_MS * 6, Math.max(0, Long.parseLong(header.trim()) * 1000));
            } catch (NumberFormatException httpDate) {
                return backoff(attempt);
            }
        }
        return backoff(attempt);
    }
}
