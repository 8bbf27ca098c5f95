package io.promoagent.promotions;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Estimates the impact of a promotion from the data: the audience now, the redemption rates of past
 * promotions like it, the average order of the audience, and the live promotions it overlaps.
 *
 * <p>The redemption rate of a past promotion is its redemptions (orders carrying its code) divided by its
 * audience at the time and by the days it ran, times 30. Its audience at the time is its audience rule
 * evaluated as of its start (relative time ranges resolved against that day) over the customers who had
 * joined by its end, and never fewer than the customers who redeemed it. The comparable promotions are those
 * of the same discount type and audience when there are enough of them ({@code minimumComparables}), else
 * the same discount type, else the same audience, else every promotion that ran. Low, base and high use the
 * lowest, median and highest of their rates, times the audience now and the new window's days ÷ 30, and are
 * capped by the redemption limit and the audience times the per-customer limit.
 */
final class ImpactEstimator {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal THIRTY = BigDecimal.valueOf(30);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final DataModel model;
    private final PromotionCatalogue catalogue;
    private final PromotionSettings settings;

    ImpactEstimator(DataModel model, PromotionCatalogue catalogue, PromotionSettings settings) {
        this.model = model;
        this.catalogue = catalogue;
        this.settings = settings;
    }

    /** The audience size now, which the defaults of a new promotion depend on. */
    long audienceSize(Audience audience) {
        return catalogue.countCustomers(audience.filter());
    }

    ImpactEstimate estimate(Promotion candidate, List<StoredPromotion> stored, LocalDate today) {
        Optional<Filter> audience = candidate.audience().filter();
        long size = catalogue.countCustomers(audience);
        ImpactEstimate.Audience audienceNow = new ImpactEstimate.Audience(candidate.audience().describe(), size,
                reachable(audience), settings.reachableRule());
        ImpactEstimate.Redemptions redemptions = redemptions(candidate, stored, today, size);
        return new ImpactEstimate(audienceNow, redemptions, cost(candidate, redemptions), conflicts(candidate, stored));
    }

    private Optional<Long> reachable(Optional<Filter> audience) {
        boolean hasRule = model.rule(settings.reachableRule())
                .map(r -> r.entity().equals(PromotionCatalogue.CUSTOMERS)).orElse(false);
        if (!hasRule) {
            return Optional.empty();
        }
        return Optional.of(catalogue.countCustomers(Optional.of(both(audience, Optional.of(RuleRef.of(settings.reachableRule())))
                .orElseThrow())));
    }

    private ImpactEstimate.Redemptions redemptions(Promotion candidate, List<StoredPromotion> stored, LocalDate today,
                                                   long size) {
        List<Promotion> ran = stored.stream().map(StoredPromotion::promotion)
                .filter(p -> p.status().hasRun() && p.startsAt().isBefore(today) && !p.id().equals(candidate.id()))
                .toList();
        Map<String, List<Row>> orders = catalogue.ordersWithCodes(ran.stream().map(Promotion::code).toList());
        List<Rated> rated = new ArrayList<>();
        for (Promotion p : ran) {
            PromotionResults results = PromotionResults.of(p, orders.get(p.code()), settings.shippingCost());
            LocalDate last = p.endsAt().isBefore(today) ? p.endsAt() : today;
            long days = ChronoUnit.DAYS.between(p.startsAt(), last) + 1;
            long exposure = Math.max(exposure(p, last), results.customers());
            if (exposure > 0 && days > 0) {
                BigDecimal rate = BigDecimal.valueOf(results.redemptions())
                        .divide(BigDecimal.valueOf(exposure), MC)
                        .multiply(THIRTY, MC)
                        .divide(BigDecimal.valueOf(days), MC);
                rated.add(new Rated(p, new ImpactEstimate.PastPromotion(p.code(), p.discountType(), p.audience().key(),
                        exposure, results.redemptions(), days, rate.setScale(6, RoundingMode.HALF_UP))));
            }
        }
        String typeWord = candidate.discountType().jsonName().replace('_', ' ');
        List<Tier> tiers = List.of(
                new Tier("past " + typeWord + " promotions for the same audience",
                        p -> p.discountType() == candidate.discountType() && p.audience().key().equals(candidate.audience().key())),
                new Tier("past " + typeWord + " promotions", p -> p.discountType() == candidate.discountType()),
                new Tier("past promotions for the same audience", p -> p.audience().key().equals(candidate.audience().key())),
                new Tier("every past promotion", p -> true));
        List<ImpactEstimate.PastPromotion> chosen = List.of();
        String basis = "";
        for (Tier t : tiers) {
            List<ImpactEstimate.PastPromotion> in = rated.stream().filter(r -> t.admits().test(r.promotion()))
                    .map(Rated::past).toList();
            if (in.size() >= settings.minimumComparables() || (t == tiers.get(tiers.size() - 1) && !in.isEmpty())) {
                chosen = in;
                basis = t.name() + " (" + in.size() + ")";
                break;
            }
        }
        BigDecimal low;
        BigDecimal base;
        BigDecimal high;
        String spread;
        if (chosen.isEmpty()) {
            base = settings.fallbackRedemptionRate();
            low = base.divide(BigDecimal.valueOf(2), MC);
            high = base.multiply(BigDecimal.valueOf(2), MC);
            basis = "no past promotion ran; the configured rate " + base.toPlainString() + " per customer per 30 days";
            spread = "half and twice the configured rate";
        } else {
            List<BigDecimal> rates = chosen.stream().map(ImpactEstimate.PastPromotion::ratePer30Days)
                    .sorted(Comparator.naturalOrder()).toList();
            base = median(rates);
            if (rates.size() == 1) {
                low = base.divide(BigDecimal.valueOf(2), MC);
                high = base.multiply(BigDecimal.valueOf(2), MC);
                spread = "half and twice the only rate";
            } else {
                low = rates.get(0);
                high = rates.get(rates.size() - 1);
                spread = "the lowest, median and highest rate";
            }
        }
        long window = candidate.days();
        long cap = Math.min(candidate.maxRedemptions(), size * candidate.perCustomerLimit());
        String method = "Each past promotion's rate is its redemptions (orders carrying its code) ÷ its audience at the time"
                + " (its audience rule as of its start, over customers who had joined by its end, at least its redeemers)"
                + " ÷ the days it ran × 30. Low, base and high take " + spread + ", × the audience now (" + size
                + ") × " + window + " days ÷ 30, capped at " + cap
                + " (the redemption limit and the audience × the per-customer limit).";
        return new ImpactEstimate.Redemptions(expected(low, size, window, cap), expected(base, size, window, cap),
                expected(high, size, window, cap), low.setScale(6, RoundingMode.HALF_UP),
                base.setScale(6, RoundingMode.HALF_UP), high.setScale(6, RoundingMode.HALF_UP), window, cap, basis,
                method, chosen);
    }

    private record Rated(Promotion promotion, ImpactEstimate.PastPromotion past) {
    }

    private record Tier(String name, Predicate<Promotion> admits) {
    }

    /** Customers in a past promotion's audience as of its start who had joined by {@code last}. */
    private long exposure(Promotion p, LocalDate last) {
        Optional<Filter> then = p.audience().filter().map(f -> AudienceAtDate.anchor(model, f, p.startsAt()));
        boolean knowsJoinDate = model.requireEntity(PromotionCatalogue.CUSTOMERS).field(PromotionCatalogue.CUSTOMER_SINCE)
                .map(f -> f.type() == FieldType.DATE).orElse(false);
        Optional<Filter> joined = knowsJoinDate
                ? Optional.of(new Within(PromotionCatalogue.CUSTOMER_SINCE,
                        new TimeRange.Between(io.promoagent.schema.time.DateInterval.EARLIEST, last)))
                : Optional.empty();
        return catalogue.countCustomers(both(then, joined));
    }

    private static long expected(BigDecimal rate, long size, long window, long cap) {
        long n = rate.multiply(BigDecimal.valueOf(size), MC).multiply(BigDecimal.valueOf(window), MC)
                .divide(THIRTY, MC).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Math.max(0, Math.min(cap, n));
    }

    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }

    private ImpactEstimate.Cost cost(Promotion candidate, ImpactEstimate.Redemptions r) {
        PromotionCatalogue.AverageOrder aov = catalogue.averageOrderValue(candidate.audience().filter(), candidate.minOrderTotal());
        String min = candidate.minOrderTotal().map(m -> " of at least " + m.toPlainString()).orElse("");
        String basis = "the " + aov.orders() + " completed orders" + min + " of " + candidate.audience().describe();
        if (aov.value().isEmpty()) {
            aov = catalogue.averageOrderValue(Optional.empty(), candidate.minOrderTotal());
            basis = "no completed order" + min + " of " + candidate.audience().describe() + " yet; the " + aov.orders()
                    + " completed orders" + min + " of every customer";
        }
        BigDecimal value = aov.value().orElse(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal per = switch (candidate.discountType()) {
            case PERCENT -> value.multiply(candidate.discountValue()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            case FIXED -> candidate.discountValue().min(value).setScale(2, RoundingMode.HALF_UP);
            case FREE_SHIPPING -> settings.shippingCost().setScale(2, RoundingMode.HALF_UP);
        };
        return new ImpactEstimate.Cost(value, basis, per, per.multiply(BigDecimal.valueOf(r.low())),
                per.multiply(BigDecimal.valueOf(r.base())), per.multiply(BigDecimal.valueOf(r.high())));
    }

    private List<ImpactEstimate.Conflict> conflicts(Promotion candidate, List<StoredPromotion> stored) {
        List<ImpactEstimate.Conflict> conflicts = new ArrayList<>();
        for (StoredPromotion s : stored) {
            Promotion other = s.promotion();
            if (!other.status().isLive() || !other.overlaps(candidate) || other.id().equals(candidate.id())) {
                continue;
            }
            long shared = catalogue.countCustomers(both(candidate.audience().filter(), other.audience().filter()));
            if (shared == 0) {
                continue;
            }
            boolean exclusive = candidate.exclusive() || other.exclusive();
            String note;
            if (exclusive) {
                Promotion first = other.priority() >= candidate.priority() ? other : candidate;
                note = "does not stack (" + (other.exclusive() ? other.code() : "this promotion") + " is exclusive): for the "
                        + shared + " customers in both audiences only one applies, the one with the higher priority ("
                        + (first == other ? other.code() + ", " + other.priority() : "this promotion, " + candidate.priority())
                        + ")";
            } else {
                note = "stacks: the " + shared + " customers in both audiences could combine " + candidate.offer()
                        + " with " + other.offer();
            }
            if (other.discountType() == candidate.discountType() && other.discountValue().compareTo(candidate.discountValue()) == 0
                    && other.audience().key().equals(candidate.audience().key())) {
                note += "; it offers the same discount to the same audience";
            }
            conflicts.add(new ImpactEstimate.Conflict(other.code(), other.name(), other.status(), other.startsAt(),
                    other.endsAt(), other.offer(), other.exclusive(), other.priority(), exclusive ? "exclusive" : "stacks",
                    shared, note));
        }
        return conflicts;
    }

    /** Both conditions (either when the other is absent). */
    private static Optional<Filter> both(Optional<Filter> a, Optional<Filter> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(new And(List.of(a.get(), b.get())));
    }
}
