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
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Labels;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a query result into the two views of a tool result: full blocks for the person and a compact,
 * model-safe JSON summary for the model.
 */
final class ResultView {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DataModel model;
    private final ModelVisibility visibility;
    private final int modelRows;
    private final int tableRows;

    ResultView(DataModel model, ModelVisibility visibility, int modelRows, int tableRows) {
        this.model = model;
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
        Block block = metric(query, result).map(Block.class::cast).orElseGet(() -> table(query, result, personColumns));
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

    private TableBlock table(Query query, QueryResult result, List<String> columns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            if (rows.size() == tableRows) {
                break;
            }
            rows.add(r.project(columns).values());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        columns.forEach(c -> labels.put(c, columnLabel(query, c)));
        return new TableBlock(result.entity(), columns, rows, result.size(), labels, QueryJson.toTree(query));
    }

    /** What people read for a column: a group key, an aggregate or a field (through relationships). */
    private String columnLabel(Query query, String column) {
        for (GroupBy g : query.groupBy()) {
            if (g.alias().equals(column)) {
                return groupLabel(query, g);
            }
        }
        for (Aggregate a : query.aggregates()) {
            if (a.alias().equals(column)) {
                return label(query, a);
            }
        }
        return Labels.of(model, query.entity(), column);
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

    /**
     * The reply's text, as a person would write it: "17 customers", "number of customers by segment:
     * 3 groups", "revenue by month of order date: 25 months", "revenue: 5,168.00".
     */
    private String summary(Query query, QueryResult result, Block block) {
        if (block instanceof MetricBlock m) {
            return m.label() + ": " + (m.value() == null ? "no value" : Labels.number(m.value()));
        }
        String entity = Labels.readable(query.entity());
        if (query.isAggregate()) {
            List<String> measures = new ArrayList<>();
            query.aggregates().forEach(a -> measures.add(label(query, a)));
            String what = measures.isEmpty() ? entity : String.join(" and ", measures);
            if (query.groupBy().isEmpty()) {
                return what + " of " + entity;
            }
            List<String> keys = new ArrayList<>();
            query.groupBy().forEach(g -> keys.add(groupLabel(query, g)));
            String groups = query.groupBy().size() == 1 && query.groupBy().get(0).truncate().isPresent()
                    ? query.groupBy().get(0).truncate().get().jsonName() + "s" : "groups";
            return what + " by " + String.join(" and ", keys) + ": " + Labels.count(result.size(), groups);
        }
        return Labels.count(result.size(), entity);
    }

    /** "segment", "customer segment", "month of order date". */
    private String groupLabel(Query query, GroupBy g) {
        if (g.expr().isPresent()) {
            return Labels.readable(g.field());
        }
        String field = Labels.of(model, query.entity(), g.field());
        return g.truncate().map(u -> u.jsonName() + " of " + field).orElse(field);
    }

    /** "number of customers", "sum of order total", "average order value" (a measure), or the alias given. */
    private String label(Query query, Aggregate a) {
        if (a.givenAlias().isPresent() || a instanceof Aggregate.Formula) {
            return Labels.readable(a.alias());
        }
        if (a instanceof Aggregate.Measure m) {
            return Labels.readable(m.measure());
        }
        AggregateFunction function;
        Optional<String> field;
        if (a instanceof Aggregate.Of of) {
            function = of.function();
            field = of.field();
        } else {
            Aggregate.Computed c = (Aggregate.Computed) a;
            function = c.function();
            field = c.value().filter(v -> v instanceof Expr.FieldRef).map(v -> ((Expr.FieldRef) v).field());
        }
        String of = field.map(f -> Labels.of(model, query.entity(), f)).orElse(Labels.readable(query.entity()));
        return switch (function) {
            case COUNT -> "number of " + of;
            case COUNT_DISTINCT -> "number of distinct " + of;
            case SUM -> "sum of " + of;
            case AVG -> "average " + of;
            case MIN -> "lowest " + of;
            case MAX -> "highest " + of;
            case MEDIAN -> "median " + of;
            case PERCENTILE -> "percentile of " + of;
        };
    }
}
