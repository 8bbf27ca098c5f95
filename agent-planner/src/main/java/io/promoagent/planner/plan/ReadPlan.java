package io.promoagent.planner.plan;

import io.promoagent.schema.ir.Query;
import java.util.Objects;

/**
 * A read: the typed query to run through the query tool.
 *
 * @param query      the query, valid for the data model
 * @param confidence how sure the planner is
 * @param reason     how it read the request
 */
public record ReadPlan(Query query, double confidence, String reason) implements Plan {

    public ReadPlan {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
        return "read";
    }
}
