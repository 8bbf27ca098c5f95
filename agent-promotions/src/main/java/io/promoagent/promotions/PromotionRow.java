package io.promoagent.promotions;

import io.promoagent.schema.AgentException;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The stored form of a promotion: field names exactly as the {@code promotions} table of the demo data model. */
final class PromotionRow {

    static final String ID = "id";
    static final String NAME = "name";
    static final String CODE = "code";
    static final String DESCRIPTION = "description";
    static final String DISCOUNT_TYPE = "discount_type";
    static final String DISCOUNT_VALUE = "discount_value";
    static final String AUDIENCE_RULE = "audience_rule";
    /** Only where the data model declares it: an IR filter over customers, as JSON. */
    static final String AUDIENCE_FILTER = "audience_filter";
    static final String MIN_ORDER_TOTAL = "min_order_total";
    static final String STARTS_AT = "starts_at";
    static final String ENDS_AT = "ends_at";
    static final String STATUS = "status";
    static final String BUDGET = "budget";
    static final String BUDGET_USED = "budget_used";
    static final String MAX_REDEMPTIONS = "max_redemptions";
    static final String PER_CUSTOMER_LIMIT = "per_customer_limit";
    static final String REDEMPTIONS = "redemptions";
    static final String EXCLUSIVE = "exclusive";
    static final String PRIORITY = "priority";
    static final String CREATED_BY = "created_by";
    static final String CREATED_AT = "created_at";
    static final String CONTROL_SHARE = "control_share";

    private PromotionRow() {
    }

    static Row toRow(Promotion p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(ID, p.id());
        v.put(NAME, p.name());
        v.put(CODE, p.code());
        v.put(DESCRIPTION, p.description());
        v.put(DISCOUNT_TYPE, p.discountType().jsonName());
        v.put(DISCOUNT_VALUE, money(p.discountValue()));
        if (p.audience() instanceof Audience.RuleAudience r) {
            v.put(AUDIENCE_RULE, r.rule());
        } else if (p.audience() instanceof Audience.FilterAudience f) {
            v.put(AUDIENCE_FILTER, QueryJson.write(f.where()));
        }
        p.minOrderTotal().ifPresent(min -> v.put(MIN_ORDER_TOTAL, money(min)));
        v.put(STARTS_AT, p.startsAt().toString());
        v.put(ENDS_AT, p.endsAt().toString());
        v.put(STATUS, p.status().jsonName());
        v.put(BUDGET, money(p.budget()));
        v.put(BUDGET_USED, money(p.budgetUsed()));
        v.put(MAX_REDEMPTIONS, BigDecimal.valueOf(p.maxRedemptions()));
        v.put(PER_CUSTOMER_LIMIT, BigDecimal.valueOf(p.perCustomerLimit()));
        v.put(REDEMPTIONS, BigDecimal.valueOf(p.redemptions()));
        v.put(EXCLUSIVE, p.exclusive());
        v.put(PRIORITY, BigDecimal.valueOf(p.priority()));
        v.put(CREATED_BY, p.createdBy());
        v.put(CREATED_AT, p.createdAt().toString());
        p.controlShare().ifPresent(share -> v.put(CONTROL_SHARE, money(share)));
        return Row.of(v);
    }

    /** Money as the demo data stores it: two decimals. */
    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    static Promotion fromRow(Row row) {
        Reader r = new Reader(row);
        Promotion.Builder b = Promotion.builder()
                .id(r.string(ID))
                .name(r.string(NAME))
                .code(r.string(CODE))
                .description(r.optional(DESCRIPTION, String.class, s -> s, ""))
                .discount(r.parsed(DISCOUNT_TYPE, s -> DiscountType.parse(s).orElseThrow()), r.number(DISCOUNT_VALUE))
                .audience(r.audience())
                .minOrderTotal(r.optional(MIN_ORDER_TOTAL, BigDecimal.class, d -> d, null))
                .window(r.date(STARTS_AT), r.date(ENDS_AT))
                .status(r.parsed(STATUS, s -> PromotionStatus.parse(s).orElseThrow()))
                .budget(r.number(BUDGET))
                .budgetUsed(r.optional(BUDGET_USED, BigDecimal.class, d -> d, BigDecimal.ZERO))
                .maxRedemptions(r.integer(MAX_REDEMPTIONS))
                .perCustomerLimit(r.integer(PER_CUSTOMER_LIMIT))
                .redemptions(r.optional(REDEMPTIONS, BigDecimal.class, Reader::toInt, 0))
                .exclusive(r.optional(EXCLUSIVE, Boolean.class, x -> x, false))
                .priority(r.optional(PRIORITY, BigDecimal.class, Reader::toInt, 0))
                .createdBy(r.string(CREATED_BY))
                .createdAt(r.date(CREATED_AT))
                .controlShare(r.optional(CONTROL_SHARE, BigDecimal.class, d -> d, null));
        if (!r.problems.isEmpty()) {
            throw new InvalidPromotionException(r.problems);
        }
        return b.build();
    }

    /** Reads typed values, noting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Row row;
        private final List<InvalidPromotionException.Problem> problems = new ArrayList<>();

        Reader(Row row) {
            this.row = row;
        }

        String string(String field) {
            return required(field, String.class, s -> s, "");
        }

        BigDecimal number(String field) {
            return required(field, BigDecimal.class, d -> d, BigDecimal.ZERO);
        }

        int integer(String field) {
            return required(field, BigDecimal.class, Reader::toInt, 1);
        }

        LocalDate date(String field) {
            return parsed(field, LocalDate::parse, LocalDate.EPOCH);
        }

        <T> T parsed(String field, Function<String, T> parse) {
            return parsed(field, parse, null);
        }

        private <T> T parsed(String field, Function<String, T> parse, T fallback) {
            String s = required(field, String.class, x -> x, null);
            if (s == null) {
                return fallback;
            }
            try {
                return parse.apply(s);
            } catch (RuntimeException e) {
                problems.add(new InvalidPromotionException.Problem(field, "'" + s + "' is not a valid " + field));
                return fallback;
            }
        }

        Audience audience() {
            Object rule = row.valueOrNull(AUDIENCE_RULE);
            Object filter = row.valueOrNull(AUDIENCE_FILTER);
            if (rule instanceof String s && !s.isBlank()) {
                return Audience.rule(s);
            }
            if (filter instanceof String json && !json.isBlank()) {
                try {
                    return Audience.of(QueryJson.readFilter(json));
                } catch (AgentException | IllegalArgumentException e) {
                    problems.add(new InvalidPromotionException.Problem(AUDIENCE_FILTER, "not a filter: " + e.getMessage()));
                }
            }
            return Audience.everyone();
        }

        private <S, T> T required(String field, Class<S> type, Function<S, T> convert, T fallback) {
            Object v = row.valueOrNull(field);
            if (v == null) {
                problems.add(new InvalidPromotionException.Problem(field, "is missing"));
                return fallback;
            }
            return typed(field, v, type, convert, fallback);
        }

        <S, T> T optional(String field, Class<S> type, Function<S, T> convert, T fallback) {
            Object v = row.valueOrNull(field);
            return v == null ? fallback : typed(field, v, type, convert, fallback);
        }

        private <S, T> T typed(String field, Object v, Class<S> type, Function<S, T> convert, T fallback) {
            if (!type.isInstance(v)) {
                problems.add(new InvalidPromotionException.Problem(field, "holds " + v + ", not a " + type.getSimpleName()));
                return fallback;
            }
            try {
                return convert.apply(type.cast(v));
            } catch (ArithmeticException e) {
                problems.add(new InvalidPromotionException.Problem(field, "holds " + v + ", not a whole number"));
                return fallback;
            }
        }

        static int toInt(BigDecimal d) {
            return d.intValueExact();
        }
    }
}
