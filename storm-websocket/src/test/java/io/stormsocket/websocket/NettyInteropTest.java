package io.stormsocket.websocket;

import static io.stormsocket.websocket.WsFixture.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.stormsocket.core.ClientConfig;
import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Session;
import io.stormsocket.testing.Await;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Netty's own WebSocket server and client (codec-http) against Storm's client and server. */
class NettyInteropTest {
    private static final int MAX = 16 * 1024 * 1024;

    @RegisterExtension
    final WsFixture ws = new WsFixture();

    private EventLoopGroup group;

    @BeforeEach
    void eventLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ws.closeAfter((AutoCloseable) () -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    }

    /** A message Netty received, copied out of its frame. */
    record Received(boolean text, byte[] bytes) {
    }

    /** {@return the port of a Netty echo server on /netty} */
    private int nettyEchoServer(boolean compression) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                        if (compression) {
                            ch.pipeline().addLast(new WebSocketServerCompressionHandler(MAX));
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/netty").allowExtensions(compression).maxFramePayloadLength(MAX)
                                        .build()),
                                new WebSocketFrameAggregator(MAX),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        if (frame instanceof TextWebSocketFrame) {
                                            ctx.writeAndFlush(new TextWebSocketFrame(frame.content().retain()));
                                        } else if (frame instanceof BinaryWebSocketFrame) {
                                            ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        ws.closeAfter((AutoCloseable) () -> server.close().syncUninterruptibly());
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(booleans = {false, true})
    void stormClientEchoesThroughNettyServer(boolean compression) throws Exception {
        int port = nettyEchoServer(compression);
        StormWebSocketClient client = ws.client(URI.create("ws://127.0.0.1:" + port + "/netty"), ClientConfig.builder(),
                WebSocketClientOptions.builder().maxFrameSize(MAX).maxMessageSize(MAX).build());
        BlockingQueue<WsFixture.Received> echoes = WsFixture.messages(client);
        Session session = Await.result(client.connect());
        assertThat(WebSocketSession.of(session).isCompressed()).isEqualTo(compression);

        Random random = new Random(3);
        for (int size : new int[] {0, 10, 200, 70_000, 400_000}) {
            String text = "storm→netty ".repeat(size / 12 + 1).substring(0, size);
            client.send(text);
            WsFixture.Received echoed = take(echoes);
            assertThat(echoed.type()).isEqualTo(WebSocketMessage.Type.TEXT);
            assertThat(echoed.text()).isEqualTo(text);

            byte[] data = new byte[size];
            random.nextBytes(data);
            client.send(data);
            WsFixture.Received binary = take(echoes);
            assertThat(binary.type()).isEqualTo(WebSocketMessage.Type.BINARY);
            assertThat(binary.bytes()).isEqualTo(data);
        }

        assertThat(Await.result(WebSocketSession.of(session).close(1000, "bye"))).isEqualTo(CloseReason.LOCAL_CLOSE);
        assertThat(WebSocketSession.of(session).peerCloseStatus()).hasValueSatisfying(
                status -> assertThat(status.code()).isEqualTo(1000));
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(booleans = {false, true})
    void nettyClientEchoesThroughStormServer(boolean compression) throws Exception {
        StormWebSocketServer server = ws.echoServer(WebSocketServerOptions.builder().maxFrameSize(MAX).maxMessageSize(MAX)
                .build());
        BlockingQueue<Boolean> serverCompressed = new LinkedBlockingQueue<>();
        server.onConnected(session -> serverCompressed.add(WebSocketSession.of(session).isCompressed()));
        BlockingQueue<Optional<WebSocketCloseStatus>> serverSawClose = new LinkedBlockingQueue<>();
        server.onDisconnected((session, reason) -> serverSawClose.add(WebSocketSession.of(session).peerCloseStatus()));

        CompletableFuture<Void> handshake = new CompletableFuture<>();
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/storm");
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536));
                        if (compression) {
                            ch.pipeline().addLast(new WebSocketClientCompressionHandler(MAX));
                        }
                        ch.pipeline().addLast(new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, compression, EmptyHttpHeaders.INSTANCE, MAX)),
                                new WebSocketFrameAggregator(MAX),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                            handshake.complete(null);
                                        } else if (event
                                                == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                                            handshake.completeExceptionally(new AssertionError("Netty handshake timed out"));
                                        }
                                        ctx.fireUserEventTriggered(event);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        received.add(new Received(frame instanceof TextWebSocketFrame,
                                                ByteBufUtil.getBytes(frame.content())));
                                    }
                                });
                    }
                }).connect("127.0.0.1", server.port()).sync().channel();
        ws.closeAfter((AutoCloseable) () -> channel.close().syncUninterruptibly());
        Await.result(handshake);
        assertThat(take(serverCompressed)).isEqualTo(compression);

        String text = "netty→storm, compressible compressible compressible ".repeat(2000);
        channel.writeAndFlush(new TextWebSocketFrame(text));
        Received echoedText = take(received);
        assertThat(echoedText.text()).isTrue();
        assertThat(new String(echoedText.bytes(), StandardCharsets.UTF_8)).isEqualTo(text);

        byte[] data = new byte[300_000];
        new Random(4).nextBytes(data);
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
        Received echoedBinary = take(received);
        assertThat(echoedBinary.text()).isFalse();
        assertThat(echoedBinary.bytes()).isEqualTo(data);

        channel.writeAndFlush(new CloseWebSocketFrame(4002, "netty done"));
        assertThat(take(serverSawClose)).contains(new WebSocketCloseStatus(4002, "netty done"));
        assertThat(channel.closeFuture().await(Await.TIMEOUT.toMillis())).isTrue();
    }
}
