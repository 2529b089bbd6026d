package io.stormsocket.samples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.stormsocket.samples.wschat.WsChatSample;
import io.stormsocket.testing.Await;
import io.stormsocket.testing.StormExtension;
import io.stormsocket.websocket.StormWebSocketServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ws-chat page in real headless Chromium: two windows, one message. Skipped when chromedriver
 * is not installed, unless {@code STORM_BROWSER_TESTS=required} (as in CI), which makes a missing
 * browser a failure.
 */
class WsChatBrowserTest {
    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final StormExtension storm = new StormExtension();

    @Test
    void aliceTypesInOneWindowAndBobSeesItInTheOther() throws Exception {
        Optional<Path> chromedriver = WebDriver.findChromedriver();
        if (chromedriver.isEmpty()) {
            if ("required".equals(System.getenv("STORM_BROWSER_TESTS"))) {
                throw new AssertionError("STORM_BROWSER_TESTS=required but chromedriver is not installed");
            }
            Assumptions.abort("chromedriver is not installed; set STORM_BROWSER_TESTS=required to make this fail");
        }
        StormWebSocketServer server = storm.closeAfter(WsChatSample.start(0));
        String page = "http://127.0.0.1:" + server.port() + "/?name=";
        try (WebDriver driver = WebDriver.start(chromedriver.get())) {
            WebDriver.Browser alice = driver.open();
            WebDriver.Browser bob = driver.open();
            alice.navigate(page + "alice");
            Await.until("alice's page connects", () -> alice.text("#status").equals("connected as alice"), PAGE_WAIT);
            bob.navigate(page + "bob");
            Await.until("bob's page connects", () -> bob.text("#status").equals("connected as bob"), PAGE_WAIT);

            alice.type("#text", "hello from chromium");
            alice.click("#send button");

            Await.until("bob's log shows alice's line",
                    () -> bob.text("#log").contains("alice: hello from chromium"), PAGE_WAIT);
            assertThat(alice.text("#log")).contains("me: hello from chromium", "* bob joined");
        }
    }
}
