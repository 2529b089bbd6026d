package io.stormsocket.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message followed, in the same TCP segment, by a frame that ends the connection: the echo of
 * the message must go out before the server's Close (Autobahn cases 3.2, 4.1.3, 5.15). Raw frames
 * from a plain socket, since Storm's client never sends invalid ones.
 */
class FrameOrderTest {
    @RegisterExtension
    final WsFixture ws = new WsFixture();

    @ParameterizedTest(name = "then {0}")
    @ValueSource(strings = {"RSV2", "reserved opcode", "orphan continuation", "Close"})
    void echoesTheMessageBeforeClosing(String then) throws IOException {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.defaults());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");

            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            // Masked with key 0, so the payload reads as it is.
            frames.writeBytes(new byte[] {(byte) 0x81, (byte) 0x85, 0, 0, 0, 0, 'H', 'e', 'l', 'l', 'o'});
            byte first = switch (then) {
                case "RSV2" -> (byte) 0xA1;
                case "reserved opcode" -> (byte) 0x83;
                case "orphan continuation" -> (byte) 0x80;
                default -> (byte) 0x88;
            };
            frames.writeBytes(new byte[] {first, (byte) 0x80, 0, 0, 0, 0});
            socket.getOutputStream().write(frames.toByteArray());

            assertThat(in.readUnsignedByte()).isEqualTo(0x81);
            assertThat(in.readUnsignedByte()).isEqualTo(5);
            assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("Hello");
            assertThat(in.readUnsignedByte()).isEqualTo(0x88);
            int length = in.readUnsignedByte();
            if (then.equals("Close")) {
                assertThat(length).isZero();
            } else {
                assertThat(length).isGreaterThanOrEqualTo(2);
                assertThat(in.readUnsignedShort()).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
