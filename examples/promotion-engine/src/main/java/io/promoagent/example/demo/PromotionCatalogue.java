package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The promotions of the demo shop, dated relative to today: eight that every data set has (every status,
 * {@code SUMMER25} and {@code VIP25} among them) and one to four more chosen by the seed.
 */
final class PromotionCatalogue {
    private PromotionCatalogue() {
    }

    /** Nine to twelve promotions, in the order they were created. */
    static List<PlannedPromotion> plan(RandomGenerator random, LocalDate now) {
        List<PlannedPromotion> promotions = new ArrayList<>(always(now));
        List<PlannedPromotion> optional = new ArrayList<>(optional(now));
        for (int i = optional.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            optional.set(j, optional.set(i, optional.get(j)));
        }
        promotions.addAll(optional.subList(0, RandomDraws.between(random, 1, optional.size())));
        promotions.sort(Comparator.comparing(PlannedPromotion::createdAt).thenComparing(PlannedPromotion::code));
        return List.copyOf(promotions);
    }

    private static List<PlannedPromotion> always(LocalDate now) {
        return List.of(
                offer("SUMMER25", "Summer Sale", "25% off everything during the summer sale.")
                        .percent(25).runs(now.minusDays(30), now.plusDays(31)).status(PromotionStatus.ACTIVE)
                        .limits(15_000, 3_000, 1).priority(50, false).created("maria.garcia", now.minusDays(44))
                        .control(0.2)
                        .build(),
                offer("VIP25", "VIP Thank You", "25% off for our VIP customers on orders of 100 or more.")
                        .percent(25).audience(Audience.VIP).minOrderTotal(100)
                        .runs(now.minusDays(45), now.plusDays(45)).status(PromotionStatus.ACTIVE)
                        .limits(10_000, 1_000, 3).priority(90, true).created("maria.garcia", now.minusDays(52))
                        .build(),
                offer("WELCOME10", "Welcome Offer", "10% off a new customer's first orders.")
                        .percent(10).audience(Audience.NEW_CUSTOMER)
                        .runs(now.minusDays(760), now.plusDays(365)).status(PromotionStatus.ACTIVE)
                        .limits(30_000, 10_000, 1).priority(10, false).created("tom.becker", now.minusDays(775))
                        .noEffect()
                        .build(),
                offer("FREESHIP50", "Free Shipping over 50", "Free shipping on orders of 50 or more.")
                        .freeShipping().minOrderTotal(50)
                        .runs(now.minusDays(200), now.plusDays(30)).status(PromotionStatus.PAUSED)
                        .limits(5_000, 4_000, 5).priority(20, false).created("tom.becker", now.minusDays(210))
                        .control(0.1).noEffect()
                        .build(),
                offer("SPRING20", "Spring Sale", "20% off the spring collection.")
                        .percent(20).runs(now.minusDays(120), now.minusDays(90)).status(PromotionStatus.EXPIRED)
                        .limits(12_000, 2_500, 1).priority(40, false).created("maria.garcia", now.minusDays(135))
                        .control(0.2)
                        .build(),
                offer("WINBACK15", "We Miss You", "15% off for customers who have not ordered for three months.")
                        .percent(15).audience(Audience.LAPSED_CUSTOMER)
                        .runs(now.minusDays(420), now.minusDays(330)).status(PromotionStatus.EXPIRED)
                        .limits(6_000, 1_500, 1).priority(30, false).created("priya.shah", now.minusDays(431))
                        .build(),
                offer("LOYALTY50", "Loyalty Reward", "50 off an order of 200 or more for Premium customers.")
                        .fixed(50).audience(Audience.PREMIUM).minOrderTotal(200)
                        .runs(now.plusDays(30), now.plusDays(90)).status(PromotionStatus.DRAFT)
                        .limits(8_000, 500, 1).priority(60, true).created("priya.shah", now.minusDays(3))
                        .build(),
                offer("BACK2SCHOOL15", "Back to School", "15% off school supplies and backpacks.")
                        .percent(15).runs(now.plusDays(45), now.plusDays(75)).status(PromotionStatus.SCHEDULED)
                        .limits(8_000, 2_000, 1).priority(40, false).created("maria.garcia", now.minusDays(12))
                        .build());
    }

    private static List<PlannedPromotion> optional(LocalDate now) {
        LocalDate blackFriday = lastBlackFridayWeekendBefore(now);
        LocalDate newYearSale = lastNewYearSaleBefore(now);
        return List.of(
                offer("BLACKFRIDAY30", "Black Friday", "30% off everything from Black Friday to Cyber Monday.")
                        .percent(30).runs(blackFriday, blackFriday.plusDays(3)).status(PromotionStatus.EXPIRED)
                        .limits(20_000, 5_000, 1).priority(80, true).created("tom.becker", blackFriday.minusDays(21))
                        .control(0.2)
                        .build(),
                offer("NEWYEAR20", "New Year Sale", "20% off to start the year.")
                        .percent(20).runs(newYearSale, newYearSale.plusDays(13)).status(PromotionStatus.EXPIRED)
                        .limits(10_000, 2_000, 1).priority(40, false).created("priya.shah", newYearSale.minusDays(18))
                        .control(0.15)
                        .build(),
                offer("HOLIDAY20", "Holiday Gift Guide", "20% off gifts for customers on our mailing list.")
                        .percent(20).audience(Audience.REACHABLE)
                        .runs(now.plusDays(140), now.plusDays(180)).status(PromotionStatus.SCHEDULED)
                        .limits(10_000, 2_500, 1).priority(45, false).created("maria.garcia", now.minusDays(6))
                        .build(),
                offer("APP10", "Mobile App Launch", "10 off an order of 40 or more to celebrate our app.")
                        .fixed(10).minOrderTotal(40)
                        .runs(now.minusDays(700), now.minusDays(640)).status(PromotionStatus.EXPIRED)
                        .limits(5_000, 2_000, 1).priority(25, false).created("tom.becker", now.minusDays(714))
                        .control(0.2)
                        .build());
    }

    /** The Friday after the fourth Thursday of November, of the latest year whose sale ended before today. */
    private static LocalDate lastBlackFridayWeekendBefore(LocalDate now) {
        for (int year = now.getYear(); ; year--) {
            LocalDate blackFriday = LocalDate.of(year, Month.NOVEMBER, 1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY))
                    .plusDays(1);
            if (blackFriday.plusDays(3).isBefore(now)) {
                return blackFriday;
            }
        }
    }

    /** The second of January of the latest year whose two-week sale ended before today. */
    private static LocalDate lastNewYearSaleBefore(LocalDate now) {
        LocalDate thisYears = LocalDate.of(now.getYear(), Month.JANUARY, 2);
        return thisYears.plusDays(13).isBefore(now) ? thisYears : thisYears.minusYears(1);
    }

    private static Offer offer(String code, String name, String description) {
        return new Offer(code, name, description);
    }

    /** One entry of the catalogue, written so that it reads as a sentence; audience and minimum are optional. */
    private static final class Offer {
        private final String code;
        private final String name;
        private final String description;
        private DiscountType discountType;
        private BigDecimal discountValue;
        private Audience audience;
        private BigDecimal minOrderTotal;
        private LocalDate startsAt;
        private LocalDate endsAt;
        private PromotionStatus status;
        private BigDecimal budget;
        private int maxRedemptions;
        private int perCustomerLimit;
        private int priority;
        private boolean exclusive;
        private String createdBy;
        private LocalDate createdAt;
        private Double controlShare;
        private double effect = 1;

        Offer(String code, String name, String description) {
            this.code = code;
            this.name = name;
            this.description = description;
        }

        Offer percent(int percent) {
            return discount(DiscountType.PERCENT, percent);
        }

        Offer fixed(int amount) {
            return discount(DiscountType.FIXED, amount);
        }

        Offer freeShipping() {
            return discount(DiscountType.FREE_SHIPPING, 0);
        }

        private Offer discount(DiscountType type, int value) {
            this.discountType = type;
            this.discountValue = Money.of(value);
            return this;
        }

        Offer audience(Audience rule) {
            this.audience = rule;
            return this;
        }

        Offer minOrderTotal(int amount) {
            this.minOrderTotal = Money.of(amount);
            return this;
        }

        Offer runs(LocalDate from, LocalDate to) {
            this.startsAt = from;
            this.endsAt = to;
            return this;
        }

        Offer status(PromotionStatus value) {
            this.status = value;
            return this;
        }

        Offer limits(int plannedBudget, int plannedMaxRedemptions, int perCustomer) {
            this.budget = Money.of(plannedBudget);
            this.maxRedemptions = plannedMaxRedemptions;
            this.perCustomerLimit = perCustomer;
            return this;
        }

        Offer priority(int value, boolean isExclusive) {
            this.priority = value;
            this.exclusive = isExclusive;
            return this;
        }

        Offer created(String by, LocalDate at) {
            this.createdBy = by;
            this.createdAt = at;
            return this;
        }

        /** Holds this share of the audience out as a control group. */
        Offer control(double share) {
            this.controlShare = share;
            return this;
        }

        /** The offer moves nobody: whoever uses it would have ordered anyway. */
        Offer noEffect() {
            this.effect = 0;
            return this;
        }

        PlannedPromotion build() {
            return new PlannedPromotion(code, name, description, discountType, discountValue,
                    Optional.ofNullable(audience), Optional.ofNullable(minOrderTotal), startsAt, endsAt, status, budget,
                    maxRedemptions, perCustomerLimit, exclusive, priority, createdBy, createdAt,
                    Optional.ofNullable(controlShare), effect);
        }
    }
}
