package io.promoagent.promotions;

import io.promoagent.schema.source.Row;
import java.util.Objects;

/**
 * A promotion as read from the store: the record exactly as stored (the before-image of a change), the
 * promotion it holds, and its version for a conditional write.
 */
record StoredPromotion(Row row, Promotion promotion, String version) {

    StoredPromotion {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(version, "version");
    }

    String code() {
        return promotion.code();
    }
}
