package io.promoagent.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's {@code EXPLAIN (FORMAT JSON)} estimates for a statement: the total cost (in the
 * planner's cost units), the rows the top node returns, and the plan's nodes (
 * {@code Index Scan on customers}).
 */
record PlanEstimate(double totalCost, long estimatedRows, List<String> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PlanEstimate parse(String json) {
        try {
            JsonNode plan = JSON.readTree(json).get(0).get("Plan");
            List<String> nodes = new ArrayList<>();
            collect(plan, nodes);
            return new PlanEstimate(plan.path("Total Cost").asDouble(), plan.path("Plan Rows").asLong(), nodes);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL returned an EXPLAIN output this library cannot read: " + json, e);
        }
    }

    private static void collect(JsonNode node, List<String> out) {
        String type = node.path("Node Type").asText();
        String relation = node.path("Relation Name").asText("");
        String index = node.path("Index Name").asText("");
        out.add(type + (relation.isEmpty() ? "" : " on " + relation) + (index.isEmpty() ? "" : " using " + index));
        for (JsonNode child : node.path("Plans")) {
            collect(child, out);
        }
    }
}
