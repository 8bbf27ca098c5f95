package io.promoagent.core.reply;

import java.util.Map;
import java.util.Objects;

/**
 * One record shown in full (a customer's card).
 *
 * @param entity the entity it belongs to
 * @param values its fields and values, in display order
 */
public record RecordBlock(String entity, Map<String, Object> values) implements Block {

    public RecordBlock {
        Objects.requireNonNull(entity, "entity");
        values = BlockValues.row(values);
    }
}
