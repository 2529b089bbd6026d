package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.ServerConfig;
import io.stormsocket.testing.StormExtension;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hand-written peer speaks the documented envelope to a real RPC server. */
class RawPeerTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private static final RpcOptions OPTIONS = RpcOptions.builder().heartbeatInterval(Duration.ZERO).build();

    record Echo(String text) implements Request<Echo> {
    }

    record Reply(int kind, long id, String tag, String payload) {
    }

    private static void write(DataOutputStream out, int kind, long id, String tag, String payload) throws Exception {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        out.writeInt(12 + t.length + p.length);
        out.writeByte(1);
        out.writeByte(kind);
        out.writeLong(id);
        out.writeShort(t.length);
        out.write(t);
        out.write(p);
        out.flush();
    }

    private static Reply read(DataInputStream in) throws Exception {
        int length = in.readInt();
        assertThat(in.readUnsignedByte()).as("version").isEqualTo(1);
        int kind = in.readUnsignedByte();
        long id = in.readLong();
        byte[] tag = new byte[in.readUnsignedShort()];
        in.readFully(tag);
        byte[] payload = new byte[length - 12 - tag.length];
        in.readFully(payload);
        return new Reply(kind, id, new String(tag, StandardCharsets.UTF_8), new String(payload, StandardCharsets.UTF_8));
    }

    private RpcServer echoServer(LinkedBlockingQueue<String> unhandled) {
        RpcServer server = RpcServer.wrap(storm.server(ServerConfig.builder().codec(OPTIONS.codec())), OPTIONS);
        server.onRequest(Echo.class, (session, request) -> new Echo(request.text()));
        server.onUnhandled((session, tag) -> unhandled.add(tag));
        server.start().join();
        return server;
    }

    @Test
    void classNamedByThePeerIsRefusedNotLoaded() throws Exception {
        LinkedBlockingQueue<String> unhandled = new LinkedBlockingQueue<>();
        RpcServer server = echoServer(unhandled);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            write(out, 2, 5, "java.lang.ProcessBuilder", "{\"command\":[\"touch\",\"/tmp/pwned\"]}");
            Reply refused = read(in);
            assertThat(refused.kind()).as("error").isEqualTo(4);
            assertThat(refused.id()).isEqualTo(5);
            assertThat(refused.tag()).isEqualTo(NoHandlerException.class.getName());
            assertThat(unhandled.poll(10, TimeUnit.SECONDS)).isEqualTo("java.lang.ProcessBuilder");

            // The session survives a refusal and still answers registered types.
            write(out, 2, 6, Echo.class.getName(), "{\"text\":\"still here\"}");
            Reply echoed = read(in);
            assertThat(echoed).isEqualTo(new Reply(3, 6, Echo.class.getName(), "{\"text\":\"still here\"}"));
        }
    }

    @Test
    void unreadablePayloadGetsAnErrorAndTheSessionStaysUp() throws Exception {
        RpcServer server = echoServer(new LinkedBlockingQueue<>());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            write(out, 2, 1, Echo.class.getName(), "not json");
            Reply error = read(in);
            assertThat(error.kind()).isEqualTo(4);
            assertThat(error.id()).isEqualTo(1);
            assertThat(error.tag()).startsWith("com.fasterxml.jackson");

            write(out, 6, 0, "", "");
            assertThat(read(in)).as("a ping is answered with a pong").isEqualTo(new Reply(7, 0, "", ""));
        }
    }
}
