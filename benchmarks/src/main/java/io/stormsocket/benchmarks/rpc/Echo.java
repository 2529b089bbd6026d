package io.stormsocket.benchmarks.rpc;

import io.stormsocket.rpc.Request;

/** The benchmark's request: the server answers with the request itself, so the client can check it. */
record Echo(long n) implements Request<Echo> {
}
