package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stormsocket.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node's built-in WebSocket client (undici) against a Storm server. Skipped where no {@code node}
 * with a WebSocket global is installed, unless {@code STORM_NODE_TESTS=required} (as in CI, whose
 * {@code .ci/run} installs one), which makes a missing node a failure; the test downloads nothing.
 */
class NodeInteropTest {
    private static final String SCRIPT = """
            const ws = new WebSocket(process.argv[1], ['chat.v1']);
            ws.binaryType = 'arraybuffer';
            let got = 0;
            ws.onopen = () => {
              console.log('OPEN ' + ws.protocol + ' [' + ws.extensions + ']');
              ws.send('hello from node ' + 'é'.repeat(3));
              const bytes = new Uint8Array(100000);
              for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
              ws.send(bytes);
            };
            ws.onmessage = (e) => {
              if (typeof e.data === 'string') {
                console.log('TEXT ' + e.data);
              } else {
                const b = new Uint8Array(e.data);
                let ok = b.length === 100000;
                for (let i = 0; ok && i < b.length; i++) ok = b[i] === i % 251;
                console.log('BINARY ' + b.length + ' ' + ok);
              }
              if (++got === 2) ws.close(4003, 'node done');
            };
            ws.onclose = (e) => { console.log('CLOSE ' + e.code + ' ' + e.reason); process.exit(0); };
            ws.onerror = (e) => { console.log('ERROR ' + (e.message || e)); process.exit(2); };
            """;

    private static List<String> nodeCommand;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    @BeforeAll
    static void findNode() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("node"), List.of("node", "--experimental-websocket"))) {
            List<String> probe = new ArrayList<>(candidate);
            probe.addAll(List.of("-e", "process.exit(typeof WebSocket === 'function' ? 0 : 1)"));
            if (run(probe).map(exit -> exit == 0).orElse(false)) {
                nodeCommand = candidate;
                return;
            }
        }
        if ("required".equals(System.getenv("STORM_NODE_TESTS"))) {
            throw new AssertionError("STORM_NODE_TESTS=required but no node with a WebSocket client is on the PATH");
        }
        assumeTrue(false, "no node with a WebSocket client on the PATH");
    }

    private static Optional<Integer> run(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(process.exitValue());
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }

    @Test
    void nodeClientEchoesTextAndBinaryAndClosesWithItsCode() throws Exception {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.builder().subprotocols("chat.v1").build());
        BlockingQueue<Optional<WebSocketCloseStatus>> closes = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> closes.add(WebSocketSession.of(session).peerCloseStatus()));

        List<String> command = new ArrayList<>(nodeCommand);
        command.addAll(List.of("-e", SCRIPT, "ws://127.0.0.1:" + server.port() + "/node"));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        ws.closeAfter((AutoCloseable) node::destroyForcibly);
        boolean exited = node.waitFor(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        String output = exited ? new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        assertThat(exited).as("node finished").isTrue();

        List<String> lines = output.lines().filter(line -> line.matches("^(OPEN|TEXT|BINARY|CLOSE|ERROR) .*")).toList();
        assertThat(lines).as(output).hasSize(4);
        assertThat(lines.get(0)).startsWith("OPEN chat.v1");
        assertThat(lines).contains("TEXT hello from node ééé", "BINARY 100000 true");
        assertThat(lines.get(3)).isEqualTo("CLOSE 4003 ");
        assertThat(node.exitValue()).isZero();
        assertThat(take(closes)).contains(new WebSocketCloseStatus(4003, "node done"));
    }
}
