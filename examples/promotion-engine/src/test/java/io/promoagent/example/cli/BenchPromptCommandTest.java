package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.example.server.DevSetReads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@code bench prompt} measures what the provider modules really send, and holds the first request small. */
class BenchPromptCommandTest {

    @Test
    void measuresTheFirstRequestOfEachProviderAndKeepsBedrocksBounded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = new PromoAgentCli(Clock.systemUTC()).run(new String[] {"bench", "prompt", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("requests").asInt()).isEqualTo(DevSetReads.REQUESTS.size());
        // A guard against growth, not the goal: the goal is 12,000 characters, which the first request met
        // (11,936) before the query IR 2.0 constructs (expressions, nested queries, windows) grew the query
        // tool's schema; with them it is 14,862 (docs/performance.md). Bringing it back under 12,000 is open.
        // Issue 18's lifecycle and seasonal rules and the control share of create_promotion add about 330 (15,190).
        assertThat(result.get("bedrockFirstRequestChars").asInt()).isBetween(5_000, 15_300);
        assertThat(result.get("bedrockFirstRequestTokens").asInt())
                .isEqualTo(result.get("bedrockFirstRequestChars").asInt() / 4);
        assertThat(result.get("openAiFirstRequestChars").asInt()).isGreaterThan(5_000);
        assertThat(result.get("bedrockAverageChars").asLong()).isGreaterThanOrEqualTo(result.get("bedrockFirstRequestChars").asInt());
        assertThat(result.get("bedrockParts").fieldNames()).toIterable()
                .contains("systemPrompt", "tool query", "tool create_promotion", "tool send_email", "rest");
        assertThat(result.get("bedrockParts").get("tool query").asInt()).isLessThan(7_000);
    }
}
