package ai.deeplake.core.remote;

import ai.deeplake.core.remote.HttpErrors.Subject;
import java.time.Duration;

/**
 * One request of remote mode.
 *
 * @param method HTTP method
 * @param path path under the API URL, e.g. {@code /workspaces/ws/tables}
 * @param body the JSON body (serialised with Jackson), a ready OkHttp {@code RequestBody} (binary), or null
 * @param subject what the request is about, for the error class of a 400/404
 * @param idempotent whether it may be sent again after a connection failure (it may have run)
 * @param timeout the whole call's deadline, retries included
 */
record ApiCall(String method, String path, Object body, Subject subject, boolean idempotent, Duration timeout) {}
