package io.stormsocket.samples.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stormsocket.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A chromedriver child process driven through the W3C WebDriver HTTP protocol, with just what
 * the browser tests need: sessions on headless Chromium, navigation, finding elements by CSS,
 * reading text, typing and clicking. Closing it ends every session and the process.
 */
final class WebDriver implements AutoCloseable {
    /** The key under which W3C WebDriver returns an element reference. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path logFile;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Browser> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    private WebDriver(Process process, Path logFile, int port) {
        this.process = process;
        this.logFile = logFile;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Finds chromedriver in the usual places and on the PATH. */
    static Optional<Path> findChromedriver() {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator));
        return Stream.concat(Stream.of("/usr/bin", "/usr/lib/chromium"), path)
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "chromedriver"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts chromedriver on a free port and waits until it reports ready. */
    static WebDriver start(Path chromedriver) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("chromedriver", ".log");
        Process process = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        WebDriver driver = new WebDriver(process, log, port);
        try {
            Await.until("chromedriver is ready", driver::ready, STARTUP);
        } catch (AssertionError | RuntimeException e) {
            String output = driver.output();
            driver.close();
            throw new AssertionError(e.getMessage() + "; chromedriver said: " + output, e);
        }
        return driver;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("chromedriver exited with " + process.exitValue());
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("status"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("value").path("ready").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /**
     * Opens a new headless Chromium window with a fresh profile. Chromium runs as root here only
     * without its sandbox, and must not reach for the network on its own (nothing outside this
     * machine is reachable), hence the flags.
     */
    Browser open() {
        Path profile;
        try {
            profile = Files.createTempDirectory("storm-chromium-profile");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        profiles.add(profile);
        ObjectNode options = JSON.createObjectNode();
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-dev-shm-usage").add("--disable-background-networking")
                .add("--disable-component-update").add("--disable-sync").add("--no-first-run")
                .add("--user-data-dir=" + profile);
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            options.put("binary", "/usr/bin/chromium");
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode alwaysMatch = body.putObject("capabilities").putObject("alwaysMatch");
        alwaysMatch.put("browserName", "chrome");
        alwaysMatch.set("goog:chromeOptions", options);
        String id = call("POST", "session", body).path("sessionId").asText();
        Browser browser = new Browser(id);
        browsers.add(browser);
        return browser;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(response.body()).path("value");
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " /" + path + " failed with " + response.statusCode() + ": "
                        + value.path("error").asText() + " " + value.path("message").asText());
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " /" + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " /" + path, e);
        }
    }

    /** Ends every browser session, then chromedriver itself. */
    @Override
    public void close() {
        try {
            for (Browser browser : browsers) {
                try {
                    browser.quit();
                } catch (RuntimeException e) {
                    // the process goes next anyway; its end takes the browser with it
                }
            }
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(logFile);
                for (Path profile : profiles) {
                    deleteTree(profile);
                }
            } catch (IOException e) {
                // temporary files left behind are harmless
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One browser window (a WebDriver session). */
    final class Browser {
        private final String id;
        private boolean open = true;

        private Browser(String id) {
            this.id = id;
        }

        void navigate(String url) {
            call("POST", "session/" + id + "/url", JSON.createObjectNode().put("url", url));
        }

        private String element(String css) {
            return call("POST", "session/" + id + "/element",
                    JSON.createObjectNode().put("using", "css selector").put("value", css)).path(ELEMENT).asText();
        }

        String text(String css) {
            return call("GET", "session/" + id + "/element/" + element(css) + "/text", null).asText();
        }

        void type(String css, String text) {
            call("POST", "session/" + id + "/element/" + element(css) + "/value",
                    JSON.createObjectNode().put("text", text));
        }

        void click(String css) {
            call("POST", "session/" + id + "/element/" + element(css) + "/click", JSON.createObjectNode());
        }

        void quit() {
            if (open) {
                open = false;
                call("DELETE", "session/" + id, null);
            }
        }
    }
}
