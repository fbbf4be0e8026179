package ai.deeplake.server;

/**
 * Who a request comes from, as its verified token says.
 *
 * @param org the organization whose workspaces the request may reach
 * @param subject the token's {@code sub}, or the organization when the token has none
 */
record Caller(String org, String subject) {
}
