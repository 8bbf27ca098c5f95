package io.promoagent.schema.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A parameter of a business rule ({@code days} of {@code recent_orders(days = 30)}).
 *
 * @param name         the name used in the rule's predicate as {@code {"param": "days"}}
 * @param type         the type of its values
 * @param defaultValue the value used when a query does not give one; a {@code BigDecimal}, {@code String}
 *                     or {@code Boolean}
 */
public record RuleParameter(String name, FieldType type, Optional<Object> defaultValue) {

    public RuleParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }
}
