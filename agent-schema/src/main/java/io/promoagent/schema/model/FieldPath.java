package io.promoagent.schema.model;

import java.util.List;

/**
 * A field named by a query: one of the entity's own ({@code segment}), or one reached through
 * many-to-one relationships ({@code customer.segment} from orders).
 *
 * @param via   the relationships followed, in order; empty for the entity's own field
 * @param field the field reached
 */
record FieldPath(List<Navigation> via, Field field) {

    FieldPath {
        via = List.copyOf(via);
    }

    boolean isLocal() {
        return via.isEmpty();
    }
}
