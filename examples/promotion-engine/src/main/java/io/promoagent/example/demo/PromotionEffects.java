package io.promoagent.example.demo;

import io.promoagent.promotions.Holdout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Lets the past promotions change what customers do. A member of a promotion's audience who was not going
 * to order during it orders once more, with a chance that grows with the depth of the discount (with
 * diminishing returns) and depends on their segment, the season and the channel they use; a promotion
 * whose offer moves nobody has an effect of zero. Members held out as the control group (by
 * {@link Holdout}, as the library decides it) are never moved.
 *
 * <p>The added order takes its total from the customer's other orders (their completed orders are scaled
 * back to what they spent before), so that what each customer spent in all, and their segment, stay as drawn.
 */
final class PromotionEffects {
    /** The highest chance, by segment, that a deep discount moves a member who was not going to order. */
    private static final double VIP_REACH = 0.30;
    private static final double PREMIUM_REACH = 0.22;
    private static final double REGULAR_REACH = 0.15;
    /** The discount depth at which the response has reached 1 - 1/e of its most. */
    private static final double DEPTH_SCALE = 0.12;
    private static final double MAX_CHANCE = 0.9;
    /** The most orders any customer places in two years (DEMO-DATA.md): a customer at it is not moved again. */
    private static final int MAX_ORDERS = 20;
    private static final double TYPICAL_ORDER = 60;
    private static final BigDecimal REGULAR_CAP = new BigDecimal("495.00");

    private PromotionEffects() {
    }

    /** Applies the effects of the promotions that have run, oldest first, and returns what was planted. */
    static List<DemoTruth.PromotionTruth> apply(RandomGenerator random, List<PlannedPromotion> planned,
            List<PurchaseHistory> histories, List<CustomerProfile> profiles, List<Cohort> cohorts, LocalDate now) {
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < planned.size(); p++) {
            if (planned.get(p).status().hasRun() && !planned.get(p).startsAt().isAfter(now)) {
                order.add(p);
            }
        }
        order.sort(Comparator.comparing((Integer p) -> planned.get(p).startsAt()).thenComparing(p -> p));
        List<DemoTruth.PromotionTruth> truths = new ArrayList<>();
        for (int p : order) {
            truths.add(apply(random, p, planned.get(p), histories, profiles, cohorts, now));
        }
        truths.sort(Comparator.comparing(truth -> indexOf(planned, truth.code())));
        return truths;
    }

    private static DemoTruth.PromotionTruth apply(RandomGenerator random, int index, PlannedPromotion promotion,
            List<PurchaseHistory> histories, List<CustomerProfile> profiles, List<Cohort> cohorts, LocalDate now) {
        LocalDate start = promotion.startsAt();
        LocalDate end = promotion.endsAt().isBefore(now) ? promotion.endsAt() : now;
        int members = 0;
        int control = 0;
        int incremental = 0;
        double upliftSum = 0;
        for (int i = 0; i < histories.size(); i++) {
            PurchaseHistory history = histories.get(i);
            CustomerProfile customer = profiles.get(i);
            // Drawn for every customer, member or not, so that the draws of one promotion do not shift another's.
            double draw = random.nextDouble();
            double dayDraw = random.nextDouble();
            if (!isMember(promotion, customer, history, start)) {
                continue;
            }
            members++;
            boolean held = promotion.controlShare().map(share -> Holdout.inControl(promotion.code(), customer.id(),
                    share)).orElse(false);
            if (held) {
                control++;
            }
            if (ordersBetween(history, start, end)) {
                continue;
            }
            List<LocalDate> days = buyingDays(cohorts.get(i), history.joinDate(), start, end);
            double chance = days.isEmpty() ? 0 : chance(promotion, customer, history, start);
            upliftSum += chance;
            if (!held && draw < chance) {
                histories.set(i, withOrderCausedBy(index, history, days.get((int) (dayDraw * days.size())),
                        customer.segment(), i));
                incremental++;
            }
        }
        double uplift = members == 0 ? 0 : upliftSum / members;
        return new DemoTruth.PromotionTruth(promotion.code(), promotion.controlShare(), members, control, uplift,
                incremental);
    }

    /** Who was in the audience on the first day: joined by then and admitted by its rule. */
    static boolean isMember(PlannedPromotion promotion, CustomerProfile customer, PurchaseHistory history,
            LocalDate start) {
        if (customer.joinDate().isAfter(start)) {
            return false;
        }
        return promotion.audience().map(rule -> switch (rule) {
            case VIP -> customer.segment() == Segment.VIP;
            case PREMIUM -> customer.segment() == Segment.PREMIUM;
            case REACHABLE -> customer.isReachable();
            case NEW_CUSTOMER -> !customer.joinDate().isBefore(start.minusDays(30));
            case LAPSED_CUSTOMER -> !ordersBetween(history, start.minusDays(90), start.minusDays(1));
        }).orElse(true);
    }

    private static boolean ordersBetween(PurchaseHistory history, LocalDate from, LocalDate to) {
        for (Purchase purchase : history.purchases()) {
            if (!purchase.date.isBefore(from) && !purchase.date.isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    /** The days of the promotion on which this customer could buy: after joining, in their season. */
    private static List<LocalDate> buyingDays(Cohort cohort, LocalDate joined, LocalDate start, LocalDate end) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = joined.isAfter(start) ? joined : start; !day.isAfter(end); day = day.plusDays(1)) {
            if (cohort.buysOn(day)) {
                days.add(day);
            }
        }
        return days;
    }

    /** The chance that the offer moves this member, who was not going to order during it, to order. */
    static double chance(PlannedPromotion promotion, CustomerProfile customer, PurchaseHistory history,
            LocalDate start) {
        if (promotion.effect() == 0 || history.purchases().size() >= MAX_ORDERS) {
            return 0;
        }
        double reach = switch (customer.segment()) {
            case VIP -> VIP_REACH;
            case PREMIUM -> PREMIUM_REACH;
            case REGULAR -> REGULAR_REACH;
        };
        double response = 1 - StrictMath.exp(-depth(promotion, history) / DEPTH_SCALE);
        double season = switch (start.getMonth()) {
            case NOVEMBER, DECEMBER -> 1.3;
            case JUNE, JULY, AUGUST -> 1.15;
            case JANUARY, FEBRUARY -> 0.85;
            default -> 1.0;
        };
        double channel = switch (history.mainChannel()) {
            case MOBILE -> 1.2;
            case WEB -> 1.0;
            case STORE -> 0.6;
        };
        return Math.min(MAX_CHANCE, reach * response * season * channel * promotion.effect());
    }

    /** The discount as a share of the customer's usual order. */
    private static double depth(PlannedPromotion promotion, PurchaseHistory history) {
        double usual = history.purchases().isEmpty() ? TYPICAL_ORDER
                : history.purchases().stream().mapToDouble(purchase -> purchase.total.doubleValue()).average()
                        .orElse(TYPICAL_ORDER);
        return switch (promotion.discountType()) {
            case PERCENT -> promotion.discountValue().doubleValue() / 100;
            case FIXED -> Math.min(1, promotion.discountValue().doubleValue() / usual);
            case FREE_SHIPPING -> Math.min(1, 4.95 / usual);
        };
    }

    private static PurchaseHistory withOrderCausedBy(int promotionIndex, PurchaseHistory history, LocalDate day,
            Segment segment, int customerIndex) {
        BigDecimal spent = history.completedTotal();
        double usual = history.purchases().isEmpty() ? TYPICAL_ORDER * (segment == Segment.VIP ? 2 : 1)
                : history.purchases().stream().mapToDouble(purchase -> purchase.total.doubleValue()).average()
                        .orElse(TYPICAL_ORDER);
        BigDecimal total = Money.of(Math.min(usual, 480));
        Purchase added = new Purchase(customerIndex, history.purchases().size(), day, null, total,
                Money.of(total.doubleValue() / 2), OrderStatus.COMPLETED, history.mainChannel(), 1, promotionIndex);
        List<Purchase> purchases = new ArrayList<>(history.purchases());
        purchases.add(added);
        PurchaseHistory grown = history.withPurchases(purchases);
        // A VIP or Premium customer spent what their segment was drawn for; the order is taken out of their other
        // orders. A regular customer simply spent more, unless that would lift them out of their segment.
        boolean staysRegular = segment == Segment.REGULAR && spent.add(total).compareTo(REGULAR_CAP) <= 0;
        return staysRegular || spent.signum() == 0 ? grown : grown.scaledTo(spent);
    }

    private static int indexOf(List<PlannedPromotion> planned, String code) {
        for (int p = 0; p < planned.size(); p++) {
            if (planned.get(p).code().equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException(code);
    }
}
