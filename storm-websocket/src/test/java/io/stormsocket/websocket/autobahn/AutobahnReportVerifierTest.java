package io.stormsocket.websocket.autobahn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutobahnReportVerifierTest {
    private static List<String> verify(String json, ByteArrayOutputStream printed) throws IOException {
        return AutobahnReportVerifier.verify(new ObjectMapper().readTree(json),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void acceptsOkAndInformationalAndCountsPerCategory() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> failures = verify("""
                {"agent": {
                  "1.1.1": {"behavior": "OK", "behaviorClose": "OK"},
                  "7.1.6": {"behavior": "INFORMATIONAL", "behaviorClose": "INFORMATIONAL"},
                  "10.1.1": {"behavior": "OK", "behaviorClose": "OK"}}}""", printed);
        assertThat(failures).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("1.*: {OK=1}", "7.*: {INFORMATIONAL=1}", "all 3 cases: {INFORMATIONAL=1, OK=2}");
    }

    @Test
    void failsOnAnyOtherGradeOfEitherBehaviour() throws IOException {
        List<String> failures = verify("""
                {"agent": {
                  "9.2.1": {"behavior": "OK", "behaviorClose": "FAILED"},
                  "3.2": {"behavior": "NON-STRICT", "behaviorClose": "OK"},
                  "12.1.1": {"behavior": "UNIMPLEMENTED", "behaviorClose": "UNIMPLEMENTED"},
                  "1.1.1": {"behavior": "OK", "behaviorClose": "OK"}}}""", new ByteArrayOutputStream());
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0)).startsWith("3.2: behavior NON-STRICT");
        assertThat(failures.get(1)).startsWith("9.2.1: behavior OK, behaviorClose FAILED");
        assertThat(failures.get(2)).startsWith("12.1.1: behavior UNIMPLEMENTED");
    }

    @Test
    void failsOnAnEmptyReport() throws IOException {
        assertThat(verify("{}", new ByteArrayOutputStream())).containsExactly("the report holds no cases");
    }
}
