package ai.deeplake.server;

import ai.deeplake.core.engine.EmbeddedBackend;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspaces of every organization: {@code <root>/<org>/<workspace>/}, holding the workspace's
 * {@code workspace.json} and the embedded engine's files. A workspace exists once its
 * {@code workspace.json} does; its engine is opened on first use and kept open until
 * {@link #close()}, because opening a DuckDB file per request would cost more than most queries.
 */
final class Workspaces implements AutoCloseable {
    static final String METADATA = "workspace.json";
    private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);

    private final Path root;
    private final ObjectMapper json;
    private final ConcurrentMap<Path, EmbeddedBackend> open = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private volatile boolean closed;

    Workspaces(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    /**
     * @param name the display name; null means the id
     * @throws ApiException 400 for an invalid id, 409 when the organization has the workspace already
     */
    WorkspaceInfo create(String org, String id, String name) {
        if (!Ids.valid(id)) {
            throw ApiException.badRequest("Invalid workspace ID '" + id + "': use " + Ids.rule());
        }
        WorkspaceInfo info = new WorkspaceInfo(id, org, name == null || name.isBlank() ? id : name, "local",
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        Path dir = folder(org, id);
        synchronized (createLock) {
            if (Files.exists(dir.resolve(METADATA))) {
                throw ApiException.alreadyExists("Workspace '" + id + "' already exists");
            }
            try {
                Files.createDirectories(dir);
                // Written beside and moved into place, so a crash never leaves a half-written file
                // that would make the workspace unreadable.
                Path tmp = dir.resolve(METADATA + ".tmp");
                json.writeValue(tmp.toFile(), info);
                Files.move(tmp, dir.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(METADATA), e);
            }
        }
        return info;
    }

    /** @return the organization's workspaces, sorted by id */
    List<WorkspaceInfo> list(String org) {
        Path orgDir = root.resolve(org);
        if (!Files.isDirectory(orgDir)) {
            return List.of();
        }
        List<WorkspaceInfo> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(orgDir)) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::getFileName)).toList()) {
                read(dir).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + orgDir, e);
        }
        return out;
    }

    /** @return the engine of the organization's workspace, opened on first use; empty when there is no such workspace */
    Optional<EmbeddedBackend> backend(String org, String id) {
        if (!Ids.valid(id) || !Files.exists(folder(org, id).resolve(METADATA))) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(folder(org, id), dir -> {
            if (closed) {
                throw ApiException.unavailable("Server is shutting down");
            }
            return new EmbeddedBackend(root.resolve(org), id);
        }));
    }

    /**
     * @return the engine of the workspace named by the route's {@code {ws}}, in the caller's organization
     * @throws ApiException 404 "Not found: <request path>" when the organization has no such workspace
     */
    EmbeddedBackend require(Context ctx) {
        return backend(AuthFilter.caller(ctx).org(), ctx.pathParam("ws")).orElseThrow(() -> ApiException.notFound(ctx.path()));
    }

    private Optional<WorkspaceInfo> read(Path dir) {
        Path file = dir.resolve(METADATA);
        if (!Ids.valid(dir.getFileName().toString()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), WorkspaceInfo.class));
        } catch (IOException e) {
            LOG.warn("Skipping workspace {}: unreadable {}: {}", dir, METADATA, e.getMessage());
            return Optional.empty();
        }
    }

    private Path folder(String org, String id) {
        return root.resolve(org).resolve(id);
    }

    /** Closes every open engine, so that their files are checkpointed and unlocked. */
    @Override
    public void close() {
        closed = true;
        for (EmbeddedBackend backend : open.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing workspace {} failed: {}", backend.directory(), e.getMessage());
            }
        }
        open.clear();
    }
}
