package io.stormsocket.samples.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.rpc.RpcServer;
import io.stormsocket.samples.rpc.WeatherProtocol.WeatherResponse;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RpcSamplesTest {
    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void clientGetsForecastsAndAnswersTheServersQuestion() {
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        RpcServer server = storm.closeAfter(RpcServerSample.start(0,
                new PrintStream(serverOut, true, StandardCharsets.UTF_8)));
        RpcClientSample client = RpcClientSample.connect("127.0.0.1", server.port(), "tester",
                new PrintStream(clientOut, true, StandardCharsets.UTF_8));
        storm.closeAfter(client);

        WeatherResponse bonn = client.forecast("Bonn", new PrintStream(clientOut, true, StandardCharsets.UTF_8));
        assertThat(bonn).isEqualTo(RpcServerSample.forecast("Bonn"));
        assertThat(bonn.city()).isEqualTo("Bonn");
        assertThat(client.forecast("bonn", new PrintStream(clientOut, true, StandardCharsets.UTF_8)).forecast())
                .isEqualTo(bonn.forecast());

        assertThat(Await.result(client.asked()).serverTime()).isNotBlank();
        Await.until("the server prints who the client is",
                () -> serverOut.toString(StandardCharsets.UTF_8).contains(" is tester, local time "));
        assertThat(serverOut.toString(StandardCharsets.UTF_8))
                .contains("connected from", "asking who it is", "asked about Bonn: " + bonn.forecast());
        assertThat(clientOut.toString(StandardCharsets.UTF_8))
                .contains("asked who we are; answering tester", "Bonn: " + bonn.forecast());
    }
}
