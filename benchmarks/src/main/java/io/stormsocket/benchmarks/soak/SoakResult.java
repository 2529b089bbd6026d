package io.stormsocket.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code soak-bench} measured, as one {@code RESULT} line, and whether every check held.
 *
 * @param line the {@code RESULT} line: every figure, then {@code failed=} with the checks that did
 *     not hold ({@code none} when all did) and {@code ok=}
 * @param ok whether every check held
 */
public record SoakResult(String line, boolean ok) {

    /**
     * Collects the figures as the run goes; {@link #build()} checks them.
     *
     * <p>Threading: the command's thread only.
     */
    static final class Builder {
        private final SoakOptions options;
        private final StringBuilder line = new StringBuilder("RESULT");
        private final List<String> failed = new ArrayList<>();
        private long heapBefore;

        Builder(SoakOptions options) {
            this.options = options;
            add("proto", options.proto().label());
            add("sessions", options.sessions());
            add("messages_per_session", options.messages());
            add("hold_s", options.hold().toMillis() / 1000.0);
        }

        /** The steady sessions are open: the client JVM's counts and the servers' session count. */
        void open(Map<String, Long> open, int serverSessions) {
            long connected = open.get("connected");
            add("connected", connected);
            add("server_sessions", serverSessions);
            check(connected == options.sessions() && open.get("connect_failures") == 0, "connect");
            check(serverSessions >= options.sessions(), "server_sessions");
        }

        /** The live heap before the clients connected and with every steady session open. */
        void heap(long before, long withSessions) {
            heapBefore = before;
            add("heap_before_kib", before / 1024);
            add("heap_per_session_bytes", (withSessions - before) / options.sessions());
        }

        /** The process's resident memory before the clients connected and with every steady session open. */
        void resident(long before, long withSessions) {
            add("rss_per_session_bytes", (withSessions - before) / options.sessions());
        }

        /** The hold and the churn are over: the client JVM's counts. */
        void done(Map<String, Long> done) {
            long sent = done.get("sent");
            long echoed = done.get("echoed");
            add("sent", sent);
            add("echoed", echoed);
            add("lost", sent - echoed);
            add("out_of_order", done.get("out_of_order"));
            add("send_failures", done.get("send_failures"));
            add("ended_early", done.get("ended_early"));
            add("churn", done.get("churn"));
            add("churn_tls", done.get("churn_tls"));
            add("churn_slow", done.get("churn_slow"));
            add("churn_failures", done.get("churn_failures"));
            add("client_errors", done.get("errors"));
            check(sent == (long) options.sessions() * options.messages() && echoed == sent, "lost");
            check(done.get("out_of_order") == 0 && done.get("send_failures") == 0, "order");
            check(done.get("ended_early") == 0, "ended_early");
            check(options.churnWorkers() == 0 || done.get("churn") > 0 && done.get("churn_tls") > 0, "churn");
            check(done.get("churn_failures") == 0 && done.get("errors") == 0, "client_errors");
        }

        /** Every steady session has been closed by the client JVM. */
        void closed(Map<String, Long> closed) {
            add("not_closed", closed.get("not_closed"));
            add("client_leaks", closed.get("leaks"));
            check(closed.get("not_closed") == 0, "not_closed");
            check(closed.get("threads_stopped") == 1, "client_threads");
            check(closed.get("leaks") == 0, "client_leaks");
        }

        /** The servers after the clients are gone. */
        void servers(boolean empty, int sessions, int groupMembers, int groups, long errors, long unexpectedEnds,
                String ends) {
            add("sessions_after", sessions);
            add("group_members_after", groupMembers);
            add("groups_after", groups);
            add("server_errors", errors);
            add("server_ends", ends);
            check(empty && sessions == 0 && groupMembers == 0 && groups == 0, "registry");
            check(errors == 0, "server_errors");
            check(unexpectedEnds == 0, "server_ends");
        }

        /** The servers' descriptors before the clients connected and after they left. */
        void descriptors(long before, long after) {
            add("fds_before", before);
            add("fds_after", after);
            add("fd_slack", options.fdSlack());
            check(before >= 0 && after <= before + options.fdSlack(), "fds");
        }

        /** The live heap after every session ended. */
        void heapAfter(long after) {
            long growth = after - heapBefore;
            add("heap_after_kib", after / 1024);
            add("heap_growth_kib", growth / 1024);
            add("heap_bound_kib", options.heapBound() / 1024);
            check(growth < options.heapBound(), "heap");
        }

        /** The leaks the servers' JVM reported. */
        void serverLeaks(long leaks) {
            add("server_leaks", leaks);
            check(leaks == 0, "server_leaks");
        }

        SoakResult build() {
            add("failed", failed.isEmpty() ? "none" : String.join(",", failed));
            add("ok", failed.isEmpty());
            return new SoakResult(line.toString(), failed.isEmpty());
        }

        private void add(String key, Object value) {
            line.append(' ').append(key).append('=').append(value);
        }

        private void check(boolean held, String name) {
            if (!held) {
                failed.add(name);
            }
        }
    }
}
