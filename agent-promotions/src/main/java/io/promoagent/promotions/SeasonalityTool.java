package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.reply.ChartBlock;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadLog;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.promotions.insight.SeasonalIndices;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.validate.ErrorCode;
import java.math.BigDecimal;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code seasonality}: how busy each calendar month is, for all orders and by customer segment. */
final class SeasonalityTool implements ReadTool {
    static final String NAME = "seasonality";
    private static final String SEGMENT = "customer.segment";

    private final CustomerInsights insights;
    private final ReadGuard guard;
    private final ToolDescriptor descriptor;

    SeasonalityTool(DataModel model, CustomerInsights insights, ReadGuard guard) {
        this.insights = insights;
        this.guard = guard;
        ObjectNode s = JsonValues.objectSchema();
        ObjectNode by = JsonValues.enumProperty(s, "by", "segment: an index per customer segment besides all orders",
                List.of("segment"));
        // a request that names a segment ("VIPs", "premium customers") asks for the indices by segment
        by.putObject("x-synonyms").set("segment", JsonValues.F.arrayNode().addAll(
                segmentWords(model).stream().map(JsonValues.F::textNode).toList()));
        s.put("x-entity", "customers");
        this.descriptor = ToolDescriptor.of(NAME,
                "Seasonal indices of orders by calendar month (1.0 = an ordinary month), for all orders and, with "
                        + "by=segment, per customer segment: when customers buy most, the best month for a promotion.",
                s, ToolEffect.READ, "seasonal", "seasonality", "season", "seasons", "busiest", "monthly",
                "buy most", "order most", "shop most", "busiest month", "best month", "peak month", "best time",
                "which month", "which months", "month to run", "time to run");
    }

    /** The customer segments' values and synonyms, and the names and synonyms of the rules that select one. */
    private static List<String> segmentWords(DataModel model) {
        List<String> words = new ArrayList<>();
        model.entity("customers").flatMap(e -> e.field("segment")).ifPresent(f -> f.values().forEach(v -> {
            words.add(v.value());
            words.addAll(v.synonyms());
        }));
        for (Rule rule : model.rules()) {
            if (rule.entity().equals("customers") && rule.parameters().isEmpty()
                    && rule.expand(Map.of()) instanceof Compare c && c.field().equals("segment")) {
                words.add(rule.name().replace('_', ' '));
                words.addAll(rule.synonyms());
            }
        }
        return words;
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Arguments args = new Arguments(call.arguments());
        Optional<String> by = args.string("by");
        by.filter(b -> !b.equals("segment")).ifPresent(b -> args.error(ErrorCode.UNKNOWN_ENUM_VALUE, "by",
                "'" + b + "' is not a way to split the indices; use segment", List.of("segment")));
        args.throwIfAny();
        boolean bySegment = by.isPresent();
        // orders counted by month: estimated before it is read, held over budget
        Optional<String> group = bySegment ? Optional.of(SEGMENT) : Optional.empty();
        Optional<ToolResult> held = guard.hold(call.tool(), call.arguments(),
                () -> insights.estimateSeasonalIndices(group, guard.pricing()), context);
        if (held.isPresent()) {
            return held.get();
        }
        ReadLog log = new ReadLog();
        SeasonalIndices indices = insights.seasonalIndices(group, log);
        List<String> groups = new ArrayList<>(indices.byGroup().keySet());
        groups.remove(SeasonalIndices.ALL);
        groups.add(0, SeasonalIndices.ALL);
        List<String> columns = new ArrayList<>();
        columns.add("month");
        groups.forEach(g -> columns.add(g.equals(SeasonalIndices.ALL) ? "index" : "index_" + g));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int m = 1; m <= 12 && !groups.isEmpty() && indices.byGroup().containsKey(SeasonalIndices.ALL); m++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            for (String g : groups) {
                row.put(g.equals(SeasonalIndices.ALL) ? "index" : "index_" + g, BigDecimal.valueOf(indices.index(g, m)));
            }
            rows.add(row);
        }
        ObjectNode forModel = JsonValues.F.objectNode();
        forModel.put("months_observed", indices.monthsObserved());
        ArrayNode out = forModel.putArray("rows");
        rows.forEach(r -> out.add(JsonValues.values(r)));
        String summary = rows.isEmpty() ? "There is no order history to find seasons in"
                : "Seasonal indices over " + indices.monthsObserved() + " complete months; busiest month: "
                        + Month.of(indices.peakMonth(SeasonalIndices.ALL)).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + " (" + String.format(Locale.ROOT, "%.2f", indices.index(SeasonalIndices.ALL,
                                indices.peakMonth(SeasonalIndices.ALL))) + " times an ordinary month)"
                        + (bySegment ? peaks(indices, groups) : "");
        TableBlock table = new TableBlock("orders", columns, rows, rows.size()).withReads(log.reads());
        if (rows.isEmpty()) {
            return ToolResult.ok(summary, forModel, table);
        }
        // the chart first: months on x, one line per index, so the busy months show at a glance
        ChartBlock chart = new ChartBlock("line", bySegment ? "Seasonal index by month and segment"
                : "Seasonal index by month", "month", columns.subList(1, columns.size()), rows);
        return ToolResult.ok(summary, forModel, chart, table);
    }

    private static String peaks(SeasonalIndices indices, List<String> groups) {
        StringBuilder out = new StringBuilder();
        for (String g : groups) {
            if (!g.equals(SeasonalIndices.ALL)) {
                out.append("; ").append(g).append(": ")
                        .append(Month.of(indices.peakMonth(g)).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            }
        }
        return out.toString();
    }
}
