package io.stormsocket.samples.wsserver;

import io.stormsocket.core.CloseReason;
import io.stormsocket.core.Middleware;
import io.stormsocket.core.Session;
import java.io.PrintStream;

/**
 * Middleware that prints a line for every connect and disconnect. As middleware it sees every
 * session before the server's own handlers, so the log stays complete whatever the handlers do.
 *
 * <p>Threading: called on each session's event loop; {@link PrintStream} is synchronized.
 */
final class ConnectionLog implements Middleware {
    private final PrintStream out;

    ConnectionLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onConnected(Session session) {
        out.println("+ session #" + session.id() + " connected from " + session.remoteAddress());
    }

    @Override
    public void onDisconnected(Session session, CloseReason reason) {
        out.println("- session #" + session.id() + " disconnected (" + reason + ") after "
                + session.metrics().framesIn() + " messages");
    }
}
