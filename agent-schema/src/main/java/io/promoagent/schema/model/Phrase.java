package io.promoagent.schema.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A phrase the users of a data model write, with what it stands for: the {@code vocabulary} section of the
 * YAML ({@code {phrase: "big spenders", means: {rule: vip}}}). The offline planner reads it as it reads the
 * model's own names and synonyms.
 *
 * @param text   the phrase as users write it: letters, digits, spaces, {@code _ ' . -}
 * @param kind   what kind of thing it stands for
 * @param target the name of that thing: {@code customers}, {@code orders.order_date},
 *               {@code customers.segment=VIP}, a rule's or a measure's name
 */
public record Phrase(String text, Kind kind, String target) {

    /** What a phrase stands for; its name is the YAML key under {@code means}. */
    public enum Kind {
        ENTITY, FIELD, VALUE, RULE, MEASURE;

        /** The YAML key: {@code entity}, {@code field}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Phrase {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        // "customers.segment = VIP" as a person writes it; kept as the planner's own "customers.segment=VIP"
        target = kind == Kind.VALUE ? target.replaceFirst("\\s*=\\s*", "=").strip() : target.strip();
    }

    /** The entity a field or value phrase names ({@code customers} of {@code customers.segment=VIP}). */
    public String entity() {
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    /** The field a field or value phrase names ({@code segment} of {@code customers.segment=VIP}). */
    public String field() {
        int dot = target.indexOf('.');
        int eq = target.indexOf('=');
        return dot < 0 ? "" : target.substring(dot + 1, eq < 0 ? target.length() : eq).strip();
    }

    /** The enum value a value phrase names ({@code VIP}), or empty. */
    public String value() {
        int eq = target.indexOf('=');
        return eq < 0 ? "" : target.substring(eq + 1);
    }
}
