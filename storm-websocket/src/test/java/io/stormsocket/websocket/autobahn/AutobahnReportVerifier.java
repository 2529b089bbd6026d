package io.stormsocket.websocket.autobahn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the index.json the Autobahn|Testsuite fuzzing client wrote and fails unless every case passed
 * outright, closing handshake included.
 *
 * <p>The autobahntestsuite-maven-plugin fails the build only on a case's {@code behavior}; it never
 * looks at {@code behaviorClose}, the grade of how the connection was closed. This verifier, run by
 * the {@code autobahn} profile right after the fuzzing, accepts a case only when both grades are
 * {@code OK} or {@code INFORMATIONAL} (the grade Autobahn gives by design to cases that only record
 * what the server did). NON-STRICT, FAILED, UNIMPLEMENTED and every other grade fail the build.
 * It prints the counts per case category (the number before the first dot of the case id).
 */
public final class AutobahnReportVerifier {
    private static final Set<String> ACCEPTED = Set.of("OK", "INFORMATIONAL");

    private AutobahnReportVerifier() {
    }

    /**
     * Verifies the report.
     *
     * @param args the path of index.json; default {@code target/autobahntestsuite-reports/index.json},
     *             relative to the working directory, where the plugin writes it
     * @throws IOException if the report cannot be read
     * @throws IllegalStateException if a case did not pass
     */
    public static void main(String[] args) throws IOException {
        Path index = Path.of(args.length > 0 ? args[0] : "target/autobahntestsuite-reports/index.json");
        List<String> failures = verify(new ObjectMapper().readTree(index.toFile()), System.out);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " Autobahn case(s) did not pass (see "
                    + index.toAbsolutePath().getParent() + "):\n  " + String.join("\n  ", failures));
        }
    }

    /** Prints the counts per category and grade, and returns a line for each case that did not pass. */
    static List<String> verify(JsonNode root, java.io.PrintStream out) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>(AutobahnReportVerifier::compareCaseIds);
        Map<String, Integer> totals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, JsonNode> agent : root.properties()) {
            for (Map.Entry<String, JsonNode> entry : agent.getValue().properties()) {
                String id = entry.getKey();
                String behavior = entry.getValue().path("behavior").asText("MISSING");
                String behaviorClose = entry.getValue().path("behaviorClose").asText("MISSING");
                String grade = ACCEPTED.contains(behavior) && !ACCEPTED.contains(behaviorClose)
                        ? behaviorClose : behavior;
                String category = id.substring(0, id.indexOf('.') < 0 ? id.length() : id.indexOf('.'));
                counts.computeIfAbsent(category, c -> new TreeMap<>()).merge(grade, 1, Integer::sum);
                totals.merge(grade, 1, Integer::sum);
                cases++;
                if (!ACCEPTED.contains(behavior) || !ACCEPTED.contains(behaviorClose)) {
                    failures.add(id + ": behavior " + behavior + ", behaviorClose " + behaviorClose
                            + ", remote close code " + entry.getValue().path("remoteCloseCode").asText()
                            + " (" + entry.getValue().path("reportfile").asText() + ")");
                }
            }
        }
        failures.sort(AutobahnReportVerifier::compareCaseIds);
        out.println("Autobahn|Testsuite results, per category:");
        counts.forEach((category, grades) -> out.println("  " + category + ".*: " + grades));
        out.println("  all " + cases + " cases: " + totals);
        if (cases == 0) {
            failures.add("the report holds no cases");
        }
        return failures;
    }

    /** Orders case ids such as "9.10.2" numerically, component by component. */
    private static int compareCaseIds(String a, String b) {
        String[] x = a.split("[.:]", -1);
        String[] y = b.split("[.:]", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
