package io.stormsocket.ssl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.ServerConfig;
import io.stormsocket.core.StormServer;
import io.stormsocket.core.codec.FrameCodecs;
import io.stormsocket.core.internal.EmbeddedSessions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Fuzzes what a TLS peer reaches first: arbitrary bytes as the ClientHello on a Storm TLS server's
 * handler (the one {@link TlsServerOptions#newHandler} gives a new connection, or a STARTTLS
 * upgrade), with the JDK and the OpenSSL engine, with and without SNI certificates (which puts
 * Storm's SNI stage, a ClientHello parser, in front); and the same after a STARTTLS on a
 * line-based session, through the whole server pipeline.
 *
 * <p>Contract checked per input: the only failure is an {@link SSLException} (Netty wraps it in a
 * {@code DecoderException}); what goes back is whole TLS records;
 * nothing leaks.
 *
 * <p>Seeds: {@code src/test/resources/io/stormsocket/ssl/TlsFuzzTestInputs/}.
 */
class TlsFuzzTest {
    private static final SelfSignedCertificates KEY = SelfSignedCertificates.create("localhost");
    private static final SelfSignedCertificates OTHER = SelfSignedCertificates.create("other.test");
    /** Indexed by provider (JDK, OpenSSL) and SNI (without, with); built once, they are immutable. */
    private static final TlsServerOptions[] OPTIONS = {
        options(TlsProvider.JDK, false), options(TlsProvider.JDK, true),
        options(TlsProvider.AUTO, false), options(TlsProvider.AUTO, true),
    };

    private static TlsServerOptions options(TlsProvider provider, boolean sni) {
        TlsServerOptions.Builder builder = TlsServerOptions.builder().keyMaterial(KEY.keyMaterial()).provider(provider);
        if (sni) {
            builder.sniHost("other.test", OTHER.keyMaterial());
        }
        return builder.build();
    }

    /** The last input byte picks the handler; the rest arrives in two chunks. */
    @FuzzTest
    void clientHello(FuzzedDataProvider data) {
        TlsServerOptions options = OPTIONS[data.consumeInt(0, OPTIONS.length - 1)];
        byte[] input = data.consumeRemainingAsBytes();
        EmbeddedChannel channel = new EmbeddedChannel();
        ByteBuf written = Unpooled.buffer();
        try {
            channel.pipeline().addLast(options.newHandler(channel, Optional.empty()));
            int split = input.length / 2;
            feed(channel, Unpooled.wrappedBuffer(input, 0, split));
            feed(channel, Unpooled.wrappedBuffer(input, split, input.length - split));
            channel.runPendingTasks();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                assertThat(out).isInstanceOf(ByteBuf.class);
                written.writeBytes((ByteBuf) out);
                ((ByteBuf) out).release();
            }
            checkRecords(written);
        } finally {
            written.release();
            channel.finishAndReleaseAll();
        }
    }

    /**
     * STARTTLS on a line-based server ({@code Session.startTls}): the peer sends {@code STARTTLS}
     * and then arbitrary bytes, glued to that line or in later chunks, which must all go to TLS
     * (core's FrameDecoderHandler hands what it buffered to the new TLS stage).
     */
    @FuzzTest
    void startTls(FuzzedDataProvider data) {
        TlsServerOptions options = OPTIONS[data.consumeInt(0, OPTIONS.length - 1)];
        boolean glued = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        StormServer server = StormServer.create(ServerConfig.builder().codec(FrameCodecs.lines()).build());
        List<String> lines = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        List<CloseReason> reasons = new ArrayList<>();
        server.onDataReceived((session, line) -> {
            lines.add(line.text());
            if (lines.size() == 1) {
                session.send("GO AHEAD");
                session.startTls(options);
            }
        });
        server.onError((session, error) -> errors.add(error));
        server.onDisconnected((session, reason) -> reasons.add(reason));
        EmbeddedChannel channel = EmbeddedSessions.accept(server);
        try {
            byte[] command = "STARTTLS\n".getBytes(StandardCharsets.US_ASCII);
            if (glued) {
                byte[] both = Arrays.copyOf(command, command.length + input.length);
                System.arraycopy(input, 0, both, command.length, input.length);
                feed(channel, Unpooled.wrappedBuffer(both));
            } else {
                feed(channel, Unpooled.wrappedBuffer(command));
                feed(channel, Unpooled.wrappedBuffer(input));
            }
            channel.runPendingTasks();
            channel.close();
            channel.runPendingTasks();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                ReferenceCountUtil.release(out);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(lines).as("lines decoded as plaintext").containsExactly("STARTTLS");
        assertThat(errors).allSatisfy(TlsFuzzTest::assertSslFailure);
        assertThat(reasons).singleElement().isIn(CloseReason.TLS_ERROR, CloseReason.REMOTE_CLOSE);
        if (!errors.isEmpty()) {
            assertThat(reasons).as("a failed handshake closes as a TLS error").containsExactly(CloseReason.TLS_ERROR);
        }
    }

    private static void feed(EmbeddedChannel channel, ByteBuf bytes) {
        if (!channel.isOpen() || !bytes.isReadable()) {
            bytes.release();
            return;
        }
        try {
            channel.writeInbound(bytes);
        } catch (Exception e) {
            assertSslFailure(e);
        }
    }

    /**
     * An SSLException, as the cause or a suppressed exception: when the peer goes away mid-handshake
     * Netty fails the handshake with a ClosedChannelException carrying the SSLHandshakeException.
     */
    private static void assertSslFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SSLException) {
                    return;
                }
            }
        }
        throw new AssertionError("the TLS handler failed with " + failure + ", not an SSLException", failure);
    }

    /** TLS records (RFC 8446 section 5.1): change_cipher_spec, alert, handshake or (TLS 1.3 encrypted handshake) application data; version 3.x; whole. */
    private static void checkRecords(ByteBuf written) {
        while (written.isReadable()) {
            assertThat(written.readableBytes()).as("record header").isGreaterThanOrEqualTo(5);
            int type = written.readUnsignedByte();
            int major = written.readUnsignedByte();
            written.skipBytes(1);
            int length = written.readUnsignedShort();
            assertThat(type).isIn(20, 21, 22, 23);
            assertThat(major).isEqualTo(3);
            assertThat(length).isLessThanOrEqualTo(written.readableBytes());
            written.skipBytes(length);
        }
    }
}
