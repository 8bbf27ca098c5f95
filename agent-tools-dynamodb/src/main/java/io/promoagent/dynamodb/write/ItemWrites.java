package io.promoagent.dynamodb.write;

import java.math.BigDecimal;

/** Conventions shared by writes: the version attribute and how versions read as text. */
final class ItemWrites {

    /** An entity with a field of this name is versioned: every write increments it, and updates may expect it. */
    static final String VERSION = "version";

    private ItemWrites() {
    }

    static String text(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
