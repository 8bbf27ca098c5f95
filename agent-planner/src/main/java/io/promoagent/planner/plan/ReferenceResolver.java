package io.promoagent.planner.plan;

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

    /** A resolver that runs queries on a query engine. */
    static ReferenceResolver of(QueryEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return query -> engine.execute(query).rows();
    }
}
