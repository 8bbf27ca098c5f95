package io.promoagent.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A write tool over an in-memory table of prices with versions: {@code set_prices {"ids": [...], "price": 9}}
 * updates every listed product, or creates it when absent. Its apply performs exactly the affected records,
 * each conditional on the version previewed, and counts applies so tests can prove "exactly once".
 */
final class PriceBook implements WriteTool {

    final Map<String, Row> rows = new LinkedHashMap<>();
    final Map<String, Integer> versions = new LinkedHashMap<>();
    final AtomicInteger applies = new AtomicInteger();

    void put(String id, String price) {
        rows.put(id, Row.of(Map.of("id", id, "price", new BigDecimal(price))));
        versions.merge(id, 1, Integer::sum);
    }

    @Override
    public ToolDescriptor descriptor() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("ids").put("type", "array").putObject("items").put("type", "string");
        props.putObject("price").put("type", "number");
        schema.putArray("required").add("ids").add("price");
        return ToolDescriptor.of("set_prices", "Sets the price of products.", schema, ToolEffect.WRITE, "price", "set");
    }

    @Override
    public synchronized ChangeSet propose(ToolCall call, ToolContext context) {
        JsonNode args = call.arguments();
        BigDecimal price = args.path("price").decimalValue();
        List<AffectedRecord> affected = new ArrayList<>();
        for (JsonNode idNode : args.path("ids")) {
            String id = idNode.asText();
            Row after = Row.of(Map.of("id", id, "price", price));
            if (rows.containsKey(id)) {
                affected.add(AffectedRecord.update("products", Map.of("id", id), rows.get(id), after,
                        Integer.toString(versions.get(id))));
            } else {
                affected.add(AffectedRecord.create("products", Map.of("id", id), after));
            }
        }
        return changeSet(call, context).summary("Set " + affected.size() + " prices to " + price)
                .affected(affected).build();
    }

    @Override
    public synchronized ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        applies.incrementAndGet();
        List<AffectedRecord> done = new ArrayList<>();
        for (AffectedRecord r : approved.changeSet().affected()) {
            String id = (String) r.key().get("id");
            String current = rows.containsKey(id) ? Integer.toString(versions.get(id)) : null;
            boolean exists = current != null;
            switch (r.operation()) {
                case CREATE -> {
                    if (exists) {
                        throw new ToolException("product " + id + " exists");
                    }
                }
                case UPDATE, DELETE -> {
                    if (!exists || !r.version().map(current::equals).orElse(false)) {
                        throw new ToolException("product " + id + " changed since the preview");
                    }
                }
                default -> throw new ToolException("unsupported operation " + r.operation().jsonName());
            }
        }
        for (AffectedRecord r : approved.changeSet().affected()) {
            String id = (String) r.key().get("id");
            Row before = rows.get(id);
            if (r.operation() == AffectedRecord.Operation.DELETE) {
                rows.remove(id);
                versions.merge(id, 1, Integer::sum);
                done.add(AffectedRecord.delete("products", r.key(), before, null));
            } else {
                rows.put(id, r.after().orElseThrow());
                versions.merge(id, 1, Integer::sum);
                String v = Integer.toString(versions.get(id));
                done.add(before == null
                        ? new AffectedRecord("products", r.key(), AffectedRecord.Operation.CREATE, java.util.Optional.empty(), r.after(), java.util.Optional.of(v))
                        : AffectedRecord.update("products", r.key(), before, r.after().orElseThrow(), v));
            }
        }
        return new ApplyResult(approved.changeSet().id(), done, approved.changeSet().summary());
    }
}
