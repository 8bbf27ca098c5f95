package io.promoagent.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.ToolEffect;
import io.promoagent.schema.AgentException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplyJsonTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static Reply everyKindOfBlock() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "C00001");
        row.put("total_spent", new BigDecimal("1250.50"));
        row.put("marketing_opt_in", true);
        return new Reply("Here you are.", List.of(
                new TableBlock("customers", List.of("id", "total_spent", "marketing_opt_in"), List.of(row), 1),
                new RecordBlock("customers", row),
                new MetricBlock("revenue", new BigDecimal("0.10")),
                new MetricBlock("average of nothing", null),
                new ChartBlock("bar", "Revenue by month", "order_date_month", List.of("revenue"),
                        List.of(Map.of("order_date_month", "2026-06", "revenue", new BigDecimal("12.00")))),
                new ApprovalBlock("A1", "CS1", "create_promotion", ToolEffect.WRITE, "Create VIP25", 1,
                        F.objectNode().put("percent", 25).put("max", new BigDecimal("12.5")), F.objectNode().put("audience", 120), "pending"),
                new ClarificationBlock("Which John?", List.of("John Smith (C00042)", "John Doe (C00077)")),
                new ErrorBlock("unknown_field", "there is no field 'colour'", List.of("country"))),
                new Usage(2, 1200, 80, 1, 35));
    }

    @Nested
    class RoundTrip {

        @Test
        void readsBackEqualToWhatWasWritten() {
            Reply reply = everyKindOfBlock();

            assertThat(ReplyJson.read(ReplyJson.write(reply))).isEqualTo(reply);
        }

        @Test
        void keepsDecimalsExactAndPlain() {
            Reply reply = Reply.of("", new MetricBlock("tiny", new BigDecimal("0.000000123456789123456789")),
                    new MetricBlock("big", new BigDecimal("1E+3")));
            String json = ReplyJson.write(reply);

            assertThat(json).contains("0.000000123456789123456789").contains("1000").doesNotContain("E+");
            assertThat(ReplyJson.read(json).blocks(MetricBlock.class).get(0).value())
                    .isEqualTo(new BigDecimal("0.000000123456789123456789"));
        }

        @Test
        void readsWholeNumbersInRowsAsDecimals() {
            Reply reply = ReplyJson.read("{\"text\":\"\",\"usage\":{\"modelCalls\":0,\"inputTokens\":0,"
                    + "\"outputTokens\":0,\"toolCalls\":0,\"latencyMillis\":0},\"blocks\":[{\"type\":\"table\","
                    + "\"entity\":\"e\",\"columns\":[\"n\"],\"rows\":[{\"n\":7}],\"total\":1}]}");

            assertThat(reply.blocks(TableBlock.class).get(0).rows().get(0)).containsEntry("n", new BigDecimal("7"));
        }

        @Test
        void refusesTextThatIsNotAReply() {
            assertThatThrownBy(() -> ReplyJson.read("{\"blocks\":[{\"type\":\"poem\"}]}"))
                    .isInstanceOf(AgentException.class);
        }
    }

    @Nested
    class TableRows {

        @Test
        void areWrittenExactlyAsJacksonWritesTheSameMaps() throws Exception {
            java.util.Random random = new java.util.Random(11);
            String[] texts = {"plain", "quote \" and backslash \\", "tab\tnew\nline", "é ü 中文 😀", "</script>", "", "\u0001"};
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("text", texts[random.nextInt(texts.length)]);
                row.put("amount", new BigDecimal(java.math.BigInteger.valueOf(random.nextInt(2_000_000) - 1_000_000),
                        random.nextInt(8)));
                row.put("flag", random.nextBoolean());
                if (random.nextBoolean()) {
                    row.put("maybe", "present");
                }
                rows.add(row);
            }
            String written = ReplyJson.write(Reply.of("rows", new TableBlock("t", List.of("text", "amount", "flag", "maybe"),
                    rows, rows.size())));

            String expectedRows = ReplyJson.mapper().writeValueAsString(rows);
            assertThat(written).contains("\"rows\":" + expectedRows + ",");
            assertThat(ReplyJson.read(written).blocks(TableBlock.class).get(0).rows()).isEqualTo(rows);
        }
    }

    @Nested
    class FieldNames {

        private final JsonNode json = ReplyJson.toTree(everyKindOfBlock());

        @Test
        void nameEachBlockByItsType() {
            List<String> types = json.path("blocks").findValuesAsText("type");

            assertThat(types).containsExactly("table", "record", "metric", "metric", "chart", "approval",
                    "clarification", "error");
        }

        @Test
        void areThoseTheCliAndTheWebUiRead() {
            JsonNode blocks = json.path("blocks");
            assertThat(fieldNames(blocks.get(0))).containsExactly("type", "entity", "columns", "rows", "total", "labels");
            assertThat(fieldNames(blocks.get(2))).containsExactly("type", "label", "value");
            assertThat(fieldNames(blocks.get(5))).containsExactly("type", "approvalId", "changeSetId", "tool", "effect",
                    "summary", "affectedCount", "arguments", "preview", "status");
            assertThat(fieldNames(blocks.get(6))).containsExactly("type", "message", "options");
            assertThat(fieldNames(blocks.get(7))).containsExactly("type", "code", "message", "suggestions");
            assertThat(fieldNames(json)).containsExactly("text", "blocks", "usage");
            assertThat(fieldNames(json.path("usage"))).containsExactly("modelCalls", "inputTokens", "outputTokens",
                    "toolCalls", "latencyMillis");
        }

        @Test
        void writeEffectsInLowerCase() {
            assertThat(json.path("blocks").get(5).path("effect").asText()).isEqualTo("write");
        }

        @Test
        void writeAMissingMetricValueAsNull() {
            assertThat(json.path("blocks").get(3).path("value").isNull()).isTrue();
        }

        private List<String> fieldNames(JsonNode node) {
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Test
    void writesTimesAsIsoText() throws Exception {
        assertThat(ReplyJson.mapper().writeValueAsString(Instant.parse("2026-06-30T12:00:00Z")))
                .isEqualTo("\"2026-06-30T12:00:00Z\"");
    }
}
