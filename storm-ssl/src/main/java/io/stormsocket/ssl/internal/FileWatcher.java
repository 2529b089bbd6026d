package io.stormsocket.ssl.internal;

import io.stormsocket.core.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the modification time and size of a few files and runs a reload when they change. Polling,
 * not {@link java.nio.file.WatchService}: certificate files are often replaced through symlink
 * swaps (Kubernetes secrets) that directory watches miss, and a poll every few seconds costs
 * nothing for a handful of files.
 *
 * <p>A reload that fails (a half-written file, say) is logged once and retried at every poll until
 * it succeeds, while the old certificates stay in use.
 *
 * <p>Threading: everything runs on the watcher's own daemon thread; {@link #close()} from any thread.
 */
public final class FileWatcher implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

    private final List<Path> files;
    private final Runnable reload;
    private final ScheduledExecutorService executor;
    /** The stamps of the files that the current certificates were loaded from. Watcher thread. */
    private List<Object> loaded;
    /** The stamps of the last failed reload, so one failure is logged once. Watcher thread. */
    private List<Object> failed;

    private FileWatcher(List<Path> files, Runnable reload) {
        this.files = List.copyOf(files);
        this.reload = reload;
        this.loaded = stamps();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "storm-tls-file-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts watching.
     *
     * @param files the files to watch
     * @param interval how often to look
     * @param reload what to run when a file changed; throws to report a failed reload
     * @return the watcher; close it to stop
     */
    public static FileWatcher start(List<Path> files, Duration interval, Runnable reload) {
        FileWatcher watcher = new FileWatcher(files, reload);
        long millis = Math.max(1, interval.toMillis());
        watcher.executor.scheduleWithFixedDelay(watcher::poll, millis, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    private void poll() {
        List<Object> now = stamps();
        if (now.equals(loaded)) {
            return;
        }
        try {
            reload.run();
            loaded = now;
            failed = null;
            LOG.info("TLS certificates reloaded: {} changed", files);
        } catch (RuntimeException e) {
            if (!now.equals(failed)) {
                failed = now;
                LOG.warn("TLS certificate files {} changed but could not be loaded; keeping the current "
                        + "certificates and retrying: {}", files, e.toString());
            }
        }
    }

    private List<Object> stamps() {
        List<Object> stamps = new ArrayList<>(files.size());
        for (Path file : files) {
            stamps.add(stamp(file));
        }
        return stamps;
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(), Objects.toString(attributes.fileKey()));
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Stops watching; a reload under way finishes. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
