package io.promoagent.schema.model;

import java.util.List;
import java.util.Objects;

/**
 * One allowed value of an enum field, with the words people use for it ("UK" for {@code GB}).
 *
 * @param value    the canonical value as stored
 * @param synonyms other names that mean this value, matched case-insensitively
 */
public record EnumValue(String value, List<String> synonyms) {

    public EnumValue {
        Objects.requireNonNull(value, "value");
        synonyms = List.copyOf(synonyms);
    }

    public static EnumValue of(String value, String... synonyms) {
        return new EnumValue(value, List.of(synonyms));
    }
}
