package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ConnectFailedException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.Session;
import io.stormsocket.core.StormClient;
import io.stormsocket.core.StormFuture;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.StormExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Shared steps of the TLS tests: line-echo servers and clients, and the shape of a refused handshake. */
final class Tls {
    private Tls() {
    }

    /** {@return a started line-echo server with these TLS options} */
    static StormServer echoServer(StormExtension storm, TlsServerOptions tls) {
        StormServer server = storm.server(ServerConfig.builder().codec(FrameCodecs.lines()).tls(tls));
        server.onDataReceived((session, data) -> session.send(data));
        return storm.start(server);
    }

    /** {@return a client (not connected) for the server, lines codec} */
    static StormClient client(StormExtension storm, StormServer server, TlsClientOptions tls) {
        return storm.client(ClientConfig.builder().codec(FrameCodecs.lines()).tls(tls), server);
    }

    /** {@return client options trusting the test CA, verifying "localhost"} */
    static TlsClientOptions.Builder trustingCa(TlsProvider provider) {
        return TlsClientOptions.builder().trust(TestPki.trust(TestPki.CA)).serverName("localhost").provider(provider);
    }

    /** {@return server options with the test server certificate} */
    static TlsServerOptions.Builder serverOptions(TlsProvider provider) {
        return TlsServerOptions.builder().keyMaterial(TestPki.key(TestPki.SERVER)).provider(provider);
    }

    /** Sends a line and asserts it comes back. */
    static void assertEcho(StormClient client, EventRecorder events, String line) {
        Await.result(client.send(line));
        assertThat(events.awaitData().text()).isEqualTo(line);
    }

    /**
     * Asserts the server refused a handshake: it reported an {@link SSLException} for a session
     * that never opened, and that session closed with {@link CloseReason#TLS_ERROR}.
     *
     * @return the server's error
     */
    static Throwable assertServerRefused(StormServer server, EventRecorder serverEvents) {
        EventRecorder.Error error = serverEvents.await(EventRecorder.Error.class);
        assertThat(error.error()).isInstanceOf(SSLException.class);
        assertThat(Await.result(error.session().closeFuture())).isEqualTo(CloseReason.TLS_ERROR);
        assertThat(error.session().isOpen()).isFalse();
        assertThat(server.sessionCount()).isZero();
        return error.error();
    }

    /**
     * Asserts a client's connection ended in a TLS failure: its connect failed with
     * {@link ConnectFailedException}, or (TLS 1.3, where a client finishes its side of the handshake
     * before the server has checked the client certificate) it opened and was then closed with
     * {@link CloseReason#TLS_ERROR}. Either way onError saw an {@link SSLException}.
     *
     * @param strict require the connect itself to fail
     * @return the client's error
     */
    static Throwable assertClientFailed(StormFuture<Session> connect, EventRecorder clientEvents, boolean strict) {
        Session opened = null;
        try {
            opened = connect.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ConnectFailedException.class);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("connect neither failed nor succeeded", e);
        }
        if (opened != null) {
            assertThat(strict).as("connect succeeded although the handshake should fail").isFalse();
            assertThat(Await.result(opened.closeFuture())).isEqualTo(CloseReason.TLS_ERROR);
        }
        for (EventRecorder.Event event : drainUntilError(clientEvents)) {
            if (event instanceof EventRecorder.Error error) {
                assertThat(error.error()).isInstanceOf(SSLException.class);
                return error.error();
            }
        }
        throw new AssertionError("no error event");
    }

    private static java.util.List<EventRecorder.Event> drainUntilError(EventRecorder events) {
        java.util.List<EventRecorder.Event> seen = new java.util.ArrayList<>();
        EventRecorder.Event event;
        do {
            event = events.next();
            seen.add(event);
        } while (!(event instanceof EventRecorder.Error));
        return seen;
    }

    /** {@return the causes of an exception, outermost first, as text} */
    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append(" <- ");
        }
        return text.toString();
    }
}
