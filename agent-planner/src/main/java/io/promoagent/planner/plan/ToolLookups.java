package io.promoagent.planner.plan;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Look-ups as calls of the query tool through the tool executor, as the requesting principal: the policy
 * decides whether the principal may read, and the audit records the call, as for any other read. Made by
 * {@link ReferenceResolver#of(ToolExecutor, String)}; package-private, as the other side of that contract.
 */
final class ToolLookups implements ReferenceResolver {

    private final ToolExecutor executor;
    private final String queryTool;
    private final ToolContext context;

    ToolLookups(ToolExecutor executor, String queryTool, ToolContext context) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.queryTool = Objects.requireNonNull(queryTool, "queryTool");
        this.context = context;
    }

    @Override
    public ReferenceResolver as(ToolContext requester) {
        return new ToolLookups(executor, queryTool, Objects.requireNonNull(requester, "context"));
    }

    /**
     * The rows the tool shows the person: its table, or its one number (a count) as a row under the
     * aggregate's alias, as the engine would give it. A refused or failed call throws, and the planner plans
     * without it.
     */
    @Override
    public List<Row> find(Query query) {
        if (context == null) {
            throw new IllegalStateException("a look-up through the tools needs the requesting principal");
        }
        ToolResult result = executor.execute(ToolCall.of(queryTool, QueryJson.toTree(query)), context);
        if (result.status() != ToolResult.Status.OK) {
            throw new IllegalStateException("look-up " + result.status().jsonName() + ": " + result.summary());
        }
        List<Row> rows = new ArrayList<>();
        for (Block b : result.blocks()) {
            if (b instanceof TableBlock t) {
                t.rows().forEach(r -> rows.add(Row.of(r)));
            } else if (b instanceof MetricBlock m && query.aggregates().size() == 1) {
                rows.add(Row.of(m.value() == null ? Map.of() : Map.of(query.aggregates().get(0).alias(), m.value())));
            }
        }
        return rows;
    }
}
