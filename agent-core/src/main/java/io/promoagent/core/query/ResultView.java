package io.promoagent.core.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a query result into the two views of a tool result: full blocks for the person and a compact,
 * model-safe JSON summary for the model.
 */
final class ResultView {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ModelVisibility visibility;
    private final int modelRows;
    private final int tableRows;

    ResultView(ModelVisibility visibility, int modelRows, int tableRows) {
        this.visibility = visibility;
        this.modelRows = modelRows;
        this.tableRows = tableRows;
    }

    ToolResult toResult(Query query, QueryResult result) {
        List<String> personColumns = new ArrayList<>();
        for (String c : result.columns()) {
            if (visibility.shownToPerson(query, c)) {
                personColumns.add(c);
            }
        }
        Map<String, Boolean> modelVisible = visibility.of(query, result.columns());
        Block block = metric(query, result).map(Block.class::cast).orElseGet(() -> table(result, personColumns));
        return ToolResult.ok(summary(query, result, block), forModel(result, personColumns, modelVisible), block);
    }

    private Optional<MetricBlock> metric(Query query, QueryResult result) {
        if (!query.groupBy().isEmpty() || query.aggregates().size() != 1 || result.rows().size() > 1) {
            return Optional.empty();
        }
        Aggregate a = query.aggregates().get(0);
        Object value = result.rows().isEmpty() ? null : result.rows().get(0).valueOrNull(a.alias());
        if (value != null && !(value instanceof BigDecimal)) {
            return Optional.empty();
        }
        return Optional.of(new MetricBlock(label(query, a), (BigDecimal) value));
    }

    private TableBlock table(QueryResult result, List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            if (rows.size() == tableRows) {
                break;
            }
            rows.add(r.project(columns).values());
        }
        return new TableBlock(result.entity(), columns, rows, result.size());
    }

    private ObjectNode forModel(QueryResult result, List<String> columns, Map<String, Boolean> modelVisible) {
        ObjectNode n = F.objectNode();
        n.put("entity", result.entity());
        n.put("count", result.size());
        List<String> shown = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (String c : columns) {
            (modelVisible.getOrDefault(c, false) ? shown : withheld).add(c);
        }
        ArrayNode cols = n.putArray("columns");
        shown.forEach(cols::add);
        ArrayNode rows = n.putArray("rows");
        for (int i = 0; i < Math.min(modelRows, result.size()); i++) {
            ObjectNode o = rows.addObject();
            Row row = result.rows().get(i);
            for (String c : shown) {
                Object v = row.valueOrNull(c);
                if (v instanceof BigDecimal d) {
                    o.put(c, d);
                } else if (v instanceof Boolean b) {
                    o.put(c, b);
                } else if (v != null) {
                    o.put(c, v.toString());
                }
            }
        }
        if (!withheld.isEmpty()) {
            ArrayNode w = n.putArray("withheldColumns");
            withheld.forEach(w::add);
        }
        if (result.size() > modelRows) {
            n.put("note", "The person sees all " + result.size() + " rows; only the first " + modelRows
                    + " are shown here. Do not list rows in your answer; the table is shown.");
        } else {
            n.put("note", "The person sees these rows in a table; do not repeat them, summarise.");
        }
        return n;
    }

    private static String summary(Query query, QueryResult result, Block block) {
        if (block instanceof MetricBlock m) {
            return m.label() + ": " + (m.value() == null ? "no value" : m.value().toPlainString());
        }
        if (query.isAggregate()) {
            if (query.groupBy().isEmpty()) {
                return "totals over " + query.entity();
            }
            List<String> keys = new ArrayList<>();
            query.groupBy().forEach(g -> keys.add(groupLabel(g)));
            return result.size() + " " + (result.size() == 1 ? "group" : "groups") + " of " + query.entity()
                    + " by " + String.join(", ", keys);
        }
        return result.size() + " " + query.entity();
    }

    private static String groupLabel(GroupBy g) {
        return g.truncate().map(u -> g.field() + " (" + u.jsonName() + ")").orElse(g.field());
    }

    private static String label(Query query, Aggregate a) {
        if (a instanceof Aggregate.Of of) {
            if (of.as().isPresent()) {
                return of.as().get();
            }
            if (of.function() == AggregateFunction.COUNT && of.field().isEmpty()) {
                return "count of " + query.entity();
            }
            return of.function().jsonName().replace('_', ' ') + " of " + of.field().orElse(query.entity());
        }
        return a.alias().replace('_', ' ');
    }
}
