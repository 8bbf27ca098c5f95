package io.promoagent.promotions;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A discount offered with a code to an audience for a period, with its limits, budget and place in the
 * lifecycle: one record of the {@code promotions} table, whose stored field names it mirrors
 * ({@link #toRow()}, {@link #fromRow(Row)}).
 *
 * <p>A promotion always keeps its rules; the constructor refuses one that breaks any, listing every
 * problem ({@link InvalidPromotionException}): a percent discount lies between 1 and 100, a fixed discount
 * is positive, free shipping has the value 0, money has at most two decimals, the window starts on or
 * before it ends, the code is 3 to 32 upper-case letters, digits, {@code -} or {@code _}, limits are at
 * least 1, and budget, budget used, redemptions and priority are never negative.
 *
 * @param id               the record's key ({@code P0013})
 * @param name             for people
 * @param code             what customers enter; unique, upper case
 * @param description      what it offers
 * @param discountType     percent, fixed or free shipping
 * @param discountValue    the percentage, the amount, or 0
 * @param audience         who may use it
 * @param minOrderTotal    the smallest order total it applies to
 * @param startsAt         its first day
 * @param endsAt           its last day
 * @param status           where it stands in the lifecycle
 * @param budget           the most discount money it may cost
 * @param budgetUsed       the discount money spent so far
 * @param maxRedemptions   the most uses in total
 * @param perCustomerLimit the most uses per customer
 * @param redemptions      the uses so far
 * @param exclusive        whether it refuses to stack with other promotions
 * @param priority         higher applies first
 * @param createdBy        who created it
 * @param createdAt        the day it was created
 * @param controlShare     the share of the audience held out as a control group to measure the effect, if any
 *                         ({@link Holdout} decides who)
 */
public record Promotion(
        String id,
        String name,
        String code,
        String description,
        DiscountType discountType,
        BigDecimal discountValue,
        Audience audience,
        Optional<BigDecimal> minOrderTotal,
        LocalDate startsAt,
        LocalDate endsAt,
        PromotionStatus status,
        BigDecimal budget,
        BigDecimal budgetUsed,
        int maxRedemptions,
        int perCustomerLimit,
        int redemptions,
        boolean exclusive,
        int priority,
        String createdBy,
        LocalDate createdAt,
        Optional<BigDecimal> controlShare) {

    /** The smallest percent discount. */
    public static final BigDecimal PERCENT_MIN = BigDecimal.ONE;
    /** The largest percent discount. */
    public static final BigDecimal PERCENT_MAX = BigDecimal.valueOf(100);
    /** What a code looks like: 3 to 32 upper-case letters, digits, {@code -} or {@code _}, not starting with a sign. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,31}");
    /** The longest name. */
    public static final int MAX_NAME_LENGTH = 100;

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(discountType, "discountType");
        Objects.requireNonNull(discountValue, "discountValue");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(minOrderTotal, "minOrderTotal");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(budgetUsed, "budgetUsed");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(controlShare, "controlShare");
        List<InvalidPromotionException.Problem> problems = new ArrayList<>();
        check(problems, !id.isBlank(), "id", "a promotion has an id");
        check(problems, !name.isBlank() && name.length() <= MAX_NAME_LENGTH, "name",
                "a name has 1 to " + MAX_NAME_LENGTH + " characters");
        check(problems, CODE.matcher(code).matches(), "code",
                "a code has 3 to 32 upper-case letters, digits, '-' or '_', not '" + code + "'");
        discountProblem(discountType, discountValue).ifPresent(m -> problems.add(new InvalidPromotionException.Problem("discount_value", m)));
        money(problems, "discount_value", discountValue);
        minOrderTotal.ifPresent(min -> {
            check(problems, min.signum() >= 0, "min_order_total", "a minimum order total is never negative");
            money(problems, "min_order_total", min);
        });
        check(problems, !endsAt.isBefore(startsAt), "ends_at",
                "the end date " + endsAt + " is before the start date " + startsAt);
        check(problems, budget.signum() >= 0, "budget", "a budget is never negative");
        money(problems, "budget", budget);
        check(problems, budgetUsed.signum() >= 0, "budget_used", "the budget used is never negative");
        money(problems, "budget_used", budgetUsed);
        check(problems, maxRedemptions >= 1, "max_redemptions", "the redemption limit is at least 1");
        check(problems, perCustomerLimit >= 1, "per_customer_limit", "the per-customer limit is at least 1");
        check(problems, perCustomerLimit <= Math.max(1, maxRedemptions), "per_customer_limit",
                "the per-customer limit cannot exceed the redemption limit " + maxRedemptions);
        check(problems, redemptions >= 0, "redemptions", "redemptions are never negative");
        check(problems, priority >= 0, "priority", "a priority is never negative");
        check(problems, !createdBy.isBlank(), "created_by", "a promotion names who created it");
        controlShare.flatMap(share -> Holdout.refusalOf(share.doubleValue()))
                .ifPresent(m -> problems.add(new InvalidPromotionException.Problem("control_share", m)));
        if (!problems.isEmpty()) {
            throw new InvalidPromotionException(problems);
        }
    }

    /**
     * Why {@code value} is not a discount of {@code type}; empty when it is. Percent discounts lie between
     * 1 and 100, fixed discounts are positive, free shipping has the value 0.
     */
    public static Optional<String> discountProblem(DiscountType type, BigDecimal value) {
        return switch (type) {
            case PERCENT -> value.compareTo(PERCENT_MIN) < 0 || value.compareTo(PERCENT_MAX) > 0
                    ? Optional.of("percent discounts lie between 1 and 100, not " + value.stripTrailingZeros().toPlainString())
                    : Optional.empty();
            case FIXED -> value.signum() <= 0
                    ? Optional.of("a fixed discount is an amount greater than 0, not " + value.stripTrailingZeros().toPlainString())
                    : Optional.empty();
            case FREE_SHIPPING -> value.signum() != 0
                    ? Optional.of("a free-shipping promotion has the discount value 0, not " + value.stripTrailingZeros().toPlainString())
                    : Optional.empty();
        };
    }

    private static void check(List<InvalidPromotionException.Problem> problems, boolean ok, String field, String message) {
        if (!ok) {
            problems.add(new InvalidPromotionException.Problem(field, message));
        }
    }

    private static void money(List<InvalidPromotionException.Problem> problems, String field, BigDecimal amount) {
        check(problems, amount.stripTrailingZeros().scale() <= 2, field, "an amount has at most two decimals, not " + amount);
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this promotion's values. */
    public Builder toBuilder() {
        return new Builder().id(id).name(name).code(code).description(description).discount(discountType, discountValue)
                .audience(audience).minOrderTotal(minOrderTotal.orElse(null)).window(startsAt, endsAt).status(status)
                .budget(budget).budgetUsed(budgetUsed).maxRedemptions(maxRedemptions).perCustomerLimit(perCustomerLimit)
                .redemptions(redemptions).exclusive(exclusive).priority(priority).createdBy(createdBy).createdAt(createdAt)
                .controlShare(controlShare.orElse(null));
    }

    /**
     * This promotion moved to {@code target} on {@code today}, if the lifecycle allows it: the move must be
     * legal ({@link PromotionStatus#refusalOfMoveTo}), a promotion becomes active only within its window,
     * and it is scheduled only before its start.
     *
     * @throws IllegalTransitionException with the reason, when the move is refused
     */
    public Promotion withStatus(PromotionStatus target, LocalDate today) {
        Optional<String> refusal = status.refusalOfMoveTo(target);
        if (refusal.isEmpty() && target == PromotionStatus.ACTIVE && today.isAfter(endsAt)) {
            refusal = Optional.of("its window ended on " + endsAt + "; create a new promotion instead");
        }
        if (refusal.isEmpty() && target == PromotionStatus.ACTIVE && today.isBefore(startsAt)) {
            refusal = Optional.of("its window starts on " + startsAt + "; schedule it, or change the start date first");
        }
        if (refusal.isEmpty() && target == PromotionStatus.SCHEDULED && !today.isBefore(startsAt)) {
            refusal = Optional.of("it starts on " + startsAt + ", which is not in the future; activate it instead");
        }
        if (refusal.isPresent()) {
            throw new IllegalTransitionException(code, status, target, refusal.get());
        }
        return toBuilder().status(target).build();
    }

    /** Whether the two validity windows share at least one day. */
    public boolean overlaps(Promotion other) {
        return !startsAt.isAfter(other.endsAt) && !other.startsAt.isAfter(endsAt);
    }

    /** The number of days of the window, both ends included. */
    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(startsAt, endsAt) + 1;
    }

    /** For people: "25% off", "10.00 off", "free shipping". */
    public String offer() {
        return offer(discountType, discountValue);
    }

    static String offer(DiscountType type, BigDecimal value) {
        return switch (type) {
            case PERCENT -> value.stripTrailingZeros().toPlainString() + "% off";
            case FIXED -> value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " off";
            case FREE_SHIPPING -> "free shipping";
        };
    }

    /** The record as stored in the {@code promotions} table, field names exactly as the data model's. */
    public Row toRow() {
        return PromotionRow.toRow(this);
    }

    /**
     * The promotion a stored record holds.
     *
     * @throws InvalidPromotionException when a field is missing, of the wrong type or breaks a rule
     */
    public static Promotion fromRow(Row row) {
        return PromotionRow.fromRow(row);
    }

    /** Builds a {@link Promotion}; the rules are checked by {@link #build()}. */
    public static final class Builder {
        private String id;
        private String name;
        private String code;
        private String description = "";
        private DiscountType discountType;
        private BigDecimal discountValue;
        private Audience audience = Audience.everyone();
        private BigDecimal minOrderTotal;
        private LocalDate startsAt;
        private LocalDate endsAt;
        private PromotionStatus status = PromotionStatus.DRAFT;
        private BigDecimal budget = BigDecimal.ZERO;
        private BigDecimal budgetUsed = BigDecimal.ZERO;
        private int maxRedemptions = 1;
        private int perCustomerLimit = 1;
        private int redemptions;
        private boolean exclusive;
        private int priority;
        private String createdBy;
        private LocalDate createdAt;
        private BigDecimal controlShare;

        private Builder() {
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder code(String value) {
            this.code = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder discount(DiscountType type, BigDecimal value) {
            this.discountType = type;
            this.discountValue = value;
            return this;
        }

        public Builder audience(Audience value) {
            this.audience = value;
            return this;
        }

        /** The smallest order total; null for none. */
        public Builder minOrderTotal(BigDecimal value) {
            this.minOrderTotal = value;
            return this;
        }

        public Builder window(LocalDate starts, LocalDate ends) {
            this.startsAt = starts;
            this.endsAt = ends;
            return this;
        }

        public Builder status(PromotionStatus value) {
            this.status = value;
            return this;
        }

        public Builder budget(BigDecimal value) {
            this.budget = value;
            return this;
        }

        public Builder budgetUsed(BigDecimal value) {
            this.budgetUsed = value;
            return this;
        }

        public Builder maxRedemptions(int value) {
            this.maxRedemptions = value;
            return this;
        }

        public Builder perCustomerLimit(int value) {
            this.perCustomerLimit = value;
            return this;
        }

        public Builder redemptions(int value) {
            this.redemptions = value;
            return this;
        }

        public Builder exclusive(boolean value) {
            this.exclusive = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder createdBy(String value) {
            this.createdBy = value;
            return this;
        }

        /** Holds this share of the audience out as a control group; null for none. */
        public Builder controlShare(BigDecimal value) {
            this.controlShare = value;
            return this;
        }

        public Builder createdAt(LocalDate value) {
            this.createdAt = value;
            return this;
        }

        /**
         * @throws InvalidPromotionException when a rule is broken
         * @throws NullPointerException      when a value without a default is missing
         */
        public Promotion build() {
            return new Promotion(id, name, code, description, discountType, discountValue, audience,
                    Optional.ofNullable(minOrderTotal), startsAt, endsAt, status, budget, budgetUsed, maxRedemptions,
                    perCustomerLimit, redemptions, exclusive, priority, createdBy, createdAt,
                    Optional.ofNullable(controlShare));
        }
    }
}
