package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.query.ReadEstimate;

/** A read estimate as {@code query --explain --json} prints it: the totals, then one object per source call. */
final class EstimateJson {

    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private EstimateJson() {
    }

    static ObjectNode of(ReadEstimate e) {
        ObjectNode o = F.objectNode();
        o.put("summary", e.summary());
        o.put("readUnits", e.readUnits());
        o.put("rowsScanned", e.rowsScanned());
        o.put("rowsComplete", e.rowsComplete());
        o.put("crossingRows", e.crossingRows());
        o.put("cost", e.cost());
        o.put("currency", e.pricing().currency());
        o.put("pricePerMillionReadUnits", e.pricing().perMillionReadUnits());
        o.put("priceRegion", e.pricing().region());
        ArrayNode calls = o.putArray("calls");
        for (ReadEstimate.SourceRead r : e.reads()) {
            ObjectNode c = calls.addObject().put("source", r.source()).put("kind", r.kind()).put("operation", r.operation())
                    .put("accessPath", r.accessPath()).put("nativeQuery", r.nativeQuery()).put("readUnits", r.readUnits())
                    .put("fullScan", r.fullScan());
            r.rows().ifPresent(n -> c.put("rows", n));
            r.plannerCost().ifPresent(n -> c.put("plannerCost", n));
        }
        return o;
    }
}
