package io.stormsocket.benchmarks.echo;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.Transport;
import io.stormsocket.ssl.TlsServerOptions;

/** The Storm echo server: the one-liner a user would write, with the chosen codec and threads. */
final class StormEchoServer implements EchoServer {
    private final StormServer server;

    private StormEchoServer(StormServer server) {
        this.server = server;
    }

    static EchoServer start(EchoServerOptions options) {
        ServerConfig.Builder config = ServerConfig.builder()
                .port(options.port())
                .codec(options.framing().stormCodec())
                .ioThreads(options.ioThreads());
        if (options.proto().secure()) {
            config.tls(TlsServerOptions.builder().keyMaterial(Tls.certificate().keyMaterial()).build());
        }
        StormServer server = StormServer.create(config.build());
        server.onDataReceived((session, data) -> session.send(data));
        server.start().join();
        return new StormEchoServer(server);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public Transport transport() {
        return server.transport();
    }

    @Override
    public void close() {
        server.close();
    }
}
