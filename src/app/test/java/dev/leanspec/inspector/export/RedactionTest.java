package dev.leanspec.inspector.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets of each kind gitleaks knows are taken out, counted by kind; words, paths and ids are left alone. */
class RedactionTest {

    /** Made-up keys of each shape, built so that no scanner flags this file (none is a real key). */
    static List<String[]> secrets() {
        String a93 = "A".repeat(40) + "b1c2D3e4F5" + "g".repeat(43);
        return List.of(
                new String[] {"anthropic-api-key", "sk-ant-api03-" + a93 + "AA"},
                new String[] {"openai-api-key", "sk-proj-" + "Ab1".repeat(24) + "cd" + "T3BlbkFJ" + "Xy9".repeat(24) + "zq"},
                new String[] {"github-pat", "ghp_" + "a1B2c3D4e5".repeat(3) + "F6g7H8"},
                new String[] {"github-fine-grained-pat", "github_pat_" + "11AbC".repeat(16) + "xy"},
                new String[] {"aws-access-token", "AKIA" + "QWER2345TYUI7ZXC"},
                new String[] {"slack-bot-token", "xoxb-" + "1234567890" + "-" + "0987654321" + "-AbCdEf"},
                new String[] {"gcp-api-key", "AIza" + "Sy" + "B1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6r"},
                new String[] {"private-key", "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEow" + "IBAAKCAQEA7".repeat(8) + "\n-----END RSA " + "PRIVATE KEY-----"});
    }

    @Test
    void eachKnownKindIsTakenOutAndCountedNeverKept() {
        for (String[] secret : secrets()) {
            Redaction redaction = Redaction.of(null);
            String text = "the agent printed " + secret[1] + " and went on";
            String out = redaction.apply(text);
            assertThat(out).as(secret[0]).doesNotContain(secret[1]).contains("[redacted:" + secret[0] + "]")
                    .startsWith("the agent printed ").endsWith(" and went on");
            assertThat(redaction.counts()).as(secret[0]).containsEntry(secret[0], 1L);
            assertThat(redaction.summary()).doesNotContain(secret[1]);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            export API_KEY=Zk3f9QpL2xV8mN4tR7wB | generic-api-key
            password: 'hunter2Xq9vL3pR8' | generic-api-key
            Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig123456 | bearer-token
            DB_PASSWORD=s3cr3t-V4lue-Zq81 | generic-api-key
            """)
    void assignmentsAndBearerTokensAreTakenOut(String line, String rule) {
        Redaction redaction = Redaction.of(null);
        assertThat(redaction.apply(line)).contains("[redacted:" + rule + "]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            the session d7843e56-8aaa-433b-a73d-9c4ced26ced6 completed
            keyboard shortcuts: press the key to continue
            token_count is never written
            read src/main/java/dev/leanspec/inspector/persistence/internal/SessionKeys.java
            """)
    void wordsPathsAndIdsAreLeftAlone(String text) {
        Redaction redaction = Redaction.of(null);
        assertThat(redaction.apply(text)).isEqualTo(text);
        assertThat(redaction.summary()).isEqualTo("nothing");
    }

    @Test
    void theHomeFolderBecomesATildeOnlyAsAWholeFolder() {
        Redaction redaction = Redaction.of(Path.of("/home/me"));
        assertThat(redaction.apply("cd /home/me/app && ls /home/mel /home/me")).isEqualTo("cd ~/app && ls /home/mel ~");
        assertThat(redaction.counts()).containsEntry("home-folder", 2L);
    }

    @Test
    void recordsAreRedactedDeepAndTheirTimesAndCodesKept() {
        var entry = new dev.leanspec.inspector.persistence.transcript.Entry.ToolCall(7, dev.leanspec.inspector.persistence.Timestamp.ofNullable(
                "2026-01-01T00:00:00Z"), "t1", "run", "execute", "completed", "{\"cmd\":\"cat /home/me/.env\"}",
                "OPENAI=sk-proj-x GITHUB=ghp_" + "a1B2c3D4e5".repeat(3) + "F6g7H8", List.of("/home/me/.env"));
        var out = Redaction.of(Path.of("/home/me")).apply(entry);
        assertThat(out.input()).isEqualTo("{\"cmd\":\"cat ~/.env\"}");
        assertThat(out.output()).contains("[redacted:github-pat]");
        assertThat(out.locations()).containsExactly("~/.env");
        assertThat(out.at()).isEqualTo(entry.at());
    }
}
