package io.stormsocket.benchmarks.echo;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** The {@code echo-server} command: starts a server and runs until the process is stopped. */
public final class EchoServerCommand {
    private EchoServerCommand() {
    }

    /**
     * Starts the echo server described by the arguments and blocks until the process ends.
     *
     * @param args {@code --impl storm|netty|vertx --proto tcp|tls|ws|wss --port N [--framing length|line|raw]
     *     [--io-threads N] [--no-compression]}
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        EchoServerOptions options = EchoServerOptions.parse(args);
        EchoServer server = EchoServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        System.out.println("echo-server impl=" + options.impl().name().toLowerCase(Locale.ROOT)
                + " proto=" + options.proto().label() + " framing=" + options.framing().name().toLowerCase(Locale.ROOT)
                + " io_threads=" + options.ioThreads()
                + (options.proto().webSocket() ? " compression=" + options.compression() : "") + " transport=" + server.transport()
                + " java=" + System.getProperty("java.version") + " listening on port " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
