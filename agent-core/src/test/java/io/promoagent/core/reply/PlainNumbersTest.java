package io.promoagent.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every number of every block type is written as a plain decimal, whether the reply is written directly or
 * turned into a tree first (as {@code ask --json} and the server do): values that Java or Jackson would
 * otherwise write in exponent notation ({@code 2E+1}, {@code 1.0E-4}, {@code 1.5E10}).
 */
class PlainNumbersTest {

    /** Numbers that some writer puts in exponent notation, each with the plain text it becomes. */
    private static final Map<Object, String> AWKWARD = new LinkedHashMap<>();

    static {
        AWKWARD.put(new BigDecimal("2E+1"), "20");
        AWKWARD.put(new BigDecimal("20").stripTrailingZeros(), "20");
        AWKWARD.put(new BigDecimal("1E-7"), "0.0000001");
        AWKWARD.put(1.0E-4, "0.0001");
        AWKWARD.put(1.5E10, "15000000000");
    }

    private static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        int i = 0;
        for (Object v : AWKWARD.keySet()) {
            row.put("n" + i++, v);
        }
        return row;
    }

    private static List<Block> everyBlockType() {
        ObjectNode preview = ReplyJson.mapper().createObjectNode();
        preview.put("cost", new BigDecimal("4E+2"));
        preview.put("rate", 1.0E-4);
        preview.putObject("impact").put("redemptions", new BigDecimal("1.2E+3")).put("share", 1.0E-5);
        ObjectNode arguments = ReplyJson.mapper().createObjectNode().put("percent", new BigDecimal("2.5E+1"));
        ObjectNode query = ReplyJson.mapper().createObjectNode().put("entity", "orders").put("limit", new BigDecimal("3E+2"));
        return List.of(
                new TableBlock("orders", List.copyOf(row().keySet()), List.of(row(), row()), 2, Map.of(), query),
                new RecordBlock("customers", row()),
                new MetricBlock("order_count", new BigDecimal("2E+1")),
                new ChartBlock("bar", "revenue by month", "month", List.of("n0", "n3"), List.of(row())),
                new ApprovalBlock("a", "c", "create_promotion", ToolEffect.WRITE, "Create VIP25", 129, arguments, preview,
                        "pending"),
                new PreviewBlock("predict_promotion", "create_promotion", "Predict VIP25", arguments, preview),
                new ClarificationBlock("Did you mean 20?", List.of("1", "2")),
                new ErrorBlock("invalid", "too many", List.of()),
                new HeldReadBlock("h-1", "customers", "it scans the whole customers table", "1. dynamodb: Scan on customers",
                        "1 source call", Instant.parse("2026-06-30T12:10:00Z")));
    }

    @Test
    void theTestCoversEveryBlockType() {
        Set<Class<?>> covered = everyBlockType().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.asList(Block.class.getPermittedSubclasses()));
    }

    @Test
    void aReplyWrittenDirectlyHasNoExponent() throws IOException {
        String json = ReplyJson.write(new Reply("20 orders", everyBlockType(), Usage.NONE));
        assertThat(exponentNumbers(json)).isEmpty();
        assertThat(numbers(json)).contains("20", "0.0000001", "15000000000", "400", "1200", "0.0001", "0.00001", "25", "300");
    }

    @Test
    void aReplyTurnedIntoATreeAndWrittenHasNoExponent() throws IOException {
        ObjectNode line = ReplyJson.mapper().createObjectNode().put("question", "how many orders");
        line.set("reply", ReplyJson.toTree(new Reply("20 orders", everyBlockType(), Usage.NONE)));
        String json = ReplyJson.writeTree(line);
        assertThat(exponentNumbers(json)).isEmpty();
        assertThat(numbers(json)).contains("20", "0.0000001", "15000000000", "400", "1200", "0.0001", "0.00001", "25", "300");
    }

    @Test
    void aTreeOfDoublesIsWrittenPlainly() throws IOException {
        ObjectNode bench = ReplyJson.mapper().createObjectNode().put("engineRcu", 0.00005).put("p99", 12345678.5);
        bench.putArray("seconds").add(1.0E-9).add(3.0E7);
        assertThat(numbers(ReplyJson.writeTree(bench))).containsExactly("0.00005", "12345678.5", "0.000000001", "30000000");
    }

    @Test
    void theDefaultWriterOfATreeWouldHaveWrittenAnExponent() throws IOException {
        // why writeTree exists: the tree's own toString is what ask --json used to print
        ObjectNode line = ReplyJson.mapper().createObjectNode();
        line.set("reply", ReplyJson.toTree(Reply.of("20", new MetricBlock("order_count", new BigDecimal("2E+1")))));
        assertThat(exponentNumbers(line.toString())).isNotEmpty();
    }

    /** The number tokens of a JSON text, as written. */
    static List<String> numbers(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = ReplyJson.mapper().getFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    out.add(p.getText());
                }
            }
        }
        return out;
    }

    /** The number tokens written in exponent notation. */
    static List<String> exponentNumbers(String json) throws IOException {
        return numbers(json).stream().filter(n -> n.contains("e") || n.contains("E")).toList();
    }
}
