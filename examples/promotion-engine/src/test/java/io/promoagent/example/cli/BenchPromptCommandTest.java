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
        System.out.println("bench prompt: " + result);
        assertThat(result.get("requests").asInt()).isEqualTo(DevSetReads.REQUESTS.size());
        // the goal (docs/performance.md): with every query IR 2.0 construct, still at most 12,000 characters
        assertThat(result.get("bedrockFirstRequestChars").asInt()).isBetween(5_000, 12_000);
        assertThat(result.get("bedrockFirstRequestTokens").asInt())
                .isEqualTo(result.get("bedrockFirstRequestChars").asInt() / 4);
        assertThat(result.get("openAiFirstRequestChars").asInt()).isGreaterThan(5_000);
        assertThat(result.get("bedrockAverageChars").asLong()).isGreaterThanOrEqualTo(result.get("bedrockFirstRequestChars").asInt());
        assertThat(result.get("bedrockParts").fieldNames()).toIterable()
                .contains("systemPrompt", "tool query", "tool create_promotion", "tool send_email", "rest");
        assertThat(result.get("bedrockParts").get("tool query").asInt()).isLessThan(4_500);
    }
}
