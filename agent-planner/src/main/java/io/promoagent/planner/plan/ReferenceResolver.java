package io.promoagent.planner.plan;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.ToolContext;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Objects;

/**
 * Looks records up while planning: which customers are called John, which customer has an e-mail
 * address, which promotion is the newest active one, whether {@code SUMMER25} is a code or an id.
 *
 * <p>What it returns is used to choose arguments and to word questions to the person; the planner sends
 * nothing to a model.
 */
@FunctionalInterface
public interface ReferenceResolver {

    /**
     * Runs a query and returns its rows.
     *
     * @throws RuntimeException when the look-up fails; the planner then plans without it
     */
    List<Row> find(Query query);

    /**
     * This resolver for one request: look-ups made as {@code context}'s principal. The same resolver by
     * default; one over a {@link ToolExecutor} runs its look-ups as that principal.
     */
    default ReferenceResolver as(ToolContext context) {
        return this;
    }

    /**
     * A resolver that runs queries on a query engine directly, for a host without a tool executor: no
     * policy or audit applies to its look-ups.
     */
    static ReferenceResolver of(QueryEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return query -> engine.execute(query).rows();
    }

    /**
     * A resolver that runs each look-up as a call of the read tool {@code queryTool} through the executor,
     * as the requesting principal ({@link #as(ToolContext)}, which {@code OfflinePlanner.plan(text, context)}
     * and the orchestrators apply): role policy and audit apply to look-ups as to any read. A look-up the
     * policy refuses finds nothing, and the planner asks instead; with no principal it looks nothing up.
     */
    static ReferenceResolver of(ToolExecutor executor, String queryTool) {
        return new ToolLookups(executor, queryTool, null);
    }
}
