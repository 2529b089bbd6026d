/**
 * The {@code rpc-server} and {@code rpc-client} samples: typed request/response over TCP in both
 * directions, the weather example from the README plus a question the server asks each client.
 */
package io.stormsocket.samples.rpc;
