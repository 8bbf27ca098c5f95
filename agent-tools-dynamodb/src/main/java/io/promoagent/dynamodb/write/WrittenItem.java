package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.Row;
import java.util.Objects;
import java.util.Optional;

/**
 * One item as a change set left it.
 *
 * @param write  the write applied
 * @param before the item before the write (the before-image), empty for a create
 * @param after  the item after the write, empty for a delete
 */
public record WrittenItem(ItemWrite write, Optional<Row> before, Optional<Row> after) {

    public WrittenItem {
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
