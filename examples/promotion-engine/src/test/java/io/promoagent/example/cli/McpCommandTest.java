package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code promo-agent mcp} over stdio, as an MCP client drives it: standard output carries JSON-RPC alone. */
class McpCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void overStdioStandardOutputCarriesOnlyTheProtocolAndAWriteOnlyProposes() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(client, 1 << 16);
        PromoAgentCli cli = new PromoAgentCli(List.of(new McpCommand(CLOCK, in)));
        Future<Integer> exit = thread.submit(() -> cli.run(new String[] {"mcp", "--customers", "200"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        String lines = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":"
                        + "{\"entity\":\"promotions\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"create_promotion\","
                        + "\"arguments\":{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":"
                        + "{\"entity\":\"promotions\"}}}") + "\n";
        client.write(lines.getBytes(StandardCharsets.UTF_8));
        client.flush();

        List<JsonNode> messages = awaitResponses(4);
        client.close();

        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(messages).allSatisfy(m -> assertThat(m.get("jsonrpc").asText()).isEqualTo("2.0"));
        int before = response(messages, 2).at("/result/structuredContent/count").asInt();
        JsonNode pending = response(messages, 3).at("/result/structuredContent");
        assertThat(before).isPositive();
        assertThat(pending.get("status").asText()).isEqualTo("awaiting_approval");
        assertThat(pending.get("decideAt").asText()).contains("--ui");
        assertThat(response(messages, 4).at("/result/structuredContent/count").asInt()).isEqualTo(before);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MCP over stdio as marketer");
    }

    /** Every line standard output holds once the response with this id is there; each must be JSON. */
    private List<JsonNode> awaitResponses(int lastId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            List<JsonNode> messages = new ArrayList<>();
            String text = out.toString(StandardCharsets.UTF_8);
            // only whole lines: the last one may still be being written
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isEmpty()) {
                    messages.add(JSON.readTree(line));
                }
            }
            if (messages.stream().anyMatch(m -> m.path("id").asInt() == lastId)) {
                return messages;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no response " + lastId + "; standard output: " + out + "; standard error: " + err);
    }

    private static JsonNode response(List<JsonNode> messages, int id) {
        return messages.stream().filter(m -> m.path("id").asInt() == id).findFirst().orElseThrow();
    }
}
