package io.promoagent.planner.plan;

import io.promoagent.schema.ir.Query;
import java.util.List;
import java.util.Objects;

/**
 * A read: the typed query to run through the query tool.
 *
 * @param query      the query, valid for the data model
 * @param confidence how sure the planner is
 * @param reason     how it read the request
 * @param words      what each word of the request was used for, in order
 */
public record ReadPlan(Query query, double confidence, String reason, List<WordUse> words) implements Plan {

    public ReadPlan {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(reason, "reason");
        words = List.copyOf(words);
    }

    /** A read whose words are not accounted for one by one (built by hand rather than by the planner). */
    public ReadPlan(Query query, double confidence, String reason) {
        this(query, confidence, reason, List.of());
    }

    @Override
    public String kind() {
        return "read";
    }
}
