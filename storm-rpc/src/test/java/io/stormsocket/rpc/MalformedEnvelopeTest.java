package io.stormsocket.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ProtocolException;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.testing.EventRecorder;
import io.stormsocket.testing.Sockets;
import io.stormsocket.testing.StormExtension;
import java.io.DataOutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A raw socket speaks broken envelopes to a real RPC server, which closes with PROTOCOL_ERROR. */
class MalformedEnvelopeTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    private static final RpcOptions OPTIONS = RpcOptions.builder().heartbeatInterval(Duration.ZERO).build();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bad version, 12, 9, 1",
        "unknown kind, 12, 1, 42",
        "truncated, 3, 1, 1",
        "oversized, 2000000, 1, 1",
    })
    void malformedEnvelopeClosesWithProtocolError(String what, int length, int version, int kind) throws Exception {
        RpcServer server = RpcServer.wrap(storm.server(ServerConfig.builder().codec(OPTIONS.codec())), OPTIONS);
        EventRecorder events = storm.closeAfter(EventRecorder.attach(server.storm()));
        server.start().join();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(length);
            out.writeByte(version);
            out.writeByte(kind);
            out.write(new byte[10]);
            out.flush();
            events.awaitConnected();
            assertThat(events.awaitError()).isInstanceOf(ProtocolException.class);
            events.awaitDisconnected(CloseReason.PROTOCOL_ERROR);
            Sockets.assertClosedByPeer(socket);
        }
    }
}
