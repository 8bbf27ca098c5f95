package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a change set did: every item with its before- and after-image, the idempotency token it was
 * written with, and the write capacity consumed.
 *
 * @param token      the ClientRequestToken of the transaction
 * @param items      the items written, in the change set's order
 * @param writeUnits the write capacity consumed
 */
public record WriteResult(String token, List<WrittenItem> items, double writeUnits) {

    public WriteResult {
        Objects.requireNonNull(token, "token");
        items = List.copyOf(items);
    }

    /**
     * The writes that restore every before-image: a created item is deleted, an updated item gets its
     * prior attributes back, a deleted item is created again; each only if the item is still as this
     * change set left it. A versioned item's version moves on rather than back.
     */
    public List<ItemWrite> rollback() {
        List<ItemWrite> out = new ArrayList<>();
        for (WrittenItem w : items) {
            ItemWrite write = w.write();
            if (write instanceof ItemWrite.Create c) {
                out.add(ItemWrite.delete(c.entity(), w.after().orElseThrow(), version(w.after().get(), c)));
            } else if (write instanceof ItemWrite.Delete d) {
                out.add(ItemWrite.create(d.entity(), w.before().orElseThrow()));
            } else {
                Row after = w.after().orElseThrow();
                Row before = withoutVersion(w.before().orElseThrow(), write);
                out.add(ItemWrite.update(write.entity(), after, merge(after, before, write), version(after, write)));
            }
        }
        return List.copyOf(out);
    }

    private static String version(Row row, ItemWrite write) {
        if (write.entity().field(ItemWrites.VERSION).isEmpty()) {
            return null;
        }
        Object v = row.valueOrNull(ItemWrites.VERSION);
        return v == null ? null : ItemWrites.text(v);
    }

    private static Row withoutVersion(Row row, ItemWrite write) {
        if (write.entity().field(ItemWrites.VERSION).isEmpty()) {
            return row;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(row.values());
        values.remove(ItemWrites.VERSION);
        return new Row(values);
    }

    /** The before-image, keeping the after-image's version (the writer moves it on). */
    private static Row merge(Row after, Row before, ItemWrite write) {
        if (write.entity().field(ItemWrites.VERSION).isEmpty()) {
            return before;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(before.values());
        Object v = after.valueOrNull(ItemWrites.VERSION);
        if (v != null) {
            values.put(ItemWrites.VERSION, v);
        }
        return new Row(values);
    }
}
