package io.promoagent.promotions;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.json.QueryJson;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use a promotion: every customer, the customers a named rule of the data model selects
 * ({@code vip}), or those an IR filter over customers selects.
 */
public sealed interface Audience {

    /** The condition on customers; empty for everyone. */
    Optional<Filter> filter();

    /** A stable text that tells audiences apart ({@code rule:vip}, {@code everyone}). */
    String key();

    /** For people: "VIP customers (rule vip)", "every customer". */
    String describe();

    static Audience everyone() {
        return Everyone.INSTANCE;
    }

    static Audience rule(String name) {
        return new RuleAudience(name);
    }

    static Audience of(Filter filter) {
        return new FilterAudience(filter);
    }

    /** Every customer. */
    enum Everyone implements Audience {
        INSTANCE;

        @Override
        public Optional<Filter> filter() {
            return Optional.empty();
        }

        @Override
        public String key() {
            return "everyone";
        }

        @Override
        public String describe() {
            return "every customer";
        }
    }

    /**
     * The customers a rule of the data model selects, with the rule's default arguments.
     *
     * @param rule the rule's name, stored as {@code audience_rule}
     */
    record RuleAudience(String rule) implements Audience {
        public RuleAudience {
            Objects.requireNonNull(rule, "rule");
            if (rule.isBlank()) {
                throw new IllegalArgumentException("an audience rule has a name");
            }
        }

        @Override
        public Optional<Filter> filter() {
            return Optional.of(RuleRef.of(rule));
        }

        @Override
        public String key() {
            return "rule:" + rule;
        }

        @Override
        public String describe() {
            return "customers of rule " + rule;
        }
    }

    /**
     * The customers an IR filter selects, stored as JSON in {@code audience_filter} where the data model
     * declares that field.
     *
     * @param where the condition on customers
     */
    record FilterAudience(Filter where) implements Audience {
        public FilterAudience {
            Objects.requireNonNull(where, "where");
        }

        @Override
        public Optional<Filter> filter() {
            return Optional.of(where);
        }

        @Override
        public String key() {
            return "filter:" + QueryJson.write(where);
        }

        @Override
        public String describe() {
            return "customers where " + QueryJson.write(where);
        }
    }
}
