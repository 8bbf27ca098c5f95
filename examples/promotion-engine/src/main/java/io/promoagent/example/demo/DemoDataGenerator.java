package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Generates the demo data set: customers, their orders of the last two years and the shop's promotions,
 * the same for the same seed, customer count and today, and consistent by the rules of DEMO-DATA.md.
 */
public final class DemoDataGenerator {
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CUSTOMERS = 2_000;
    public static final int MAX_CUSTOMERS = 1_000_000;

    private static final Comparator<Purchase> CHRONOLOGICAL = Comparator
            .comparing((Purchase purchase) -> purchase.date)
            .thenComparingInt(purchase -> purchase.customerIndex)
            .thenComparingInt(purchase -> purchase.sequence);

    private DemoDataGenerator() {
    }

    /**
     * Generates the data set.
     *
     * @param customers how many customers, from 1 to {@link #MAX_CUSTOMERS}
     * @param now       the date the data treats as today: orders lie in the two years before it
     */
    public static DemoData generate(long seed, int customers, LocalDate now) {
        Objects.requireNonNull(now, "now");
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be from 1 to " + MAX_CUSTOMERS + ": " + customers);
        }
        // One stream per concern, so that a change in how one part is drawn does not reshuffle the others.
        SplittableRandom root = new SplittableRandom(seed);
        RandomGenerator promotionRandom = root.split();
        RandomGenerator castRandom = root.split();
        RandomGenerator historyRandom = root.split();
        RandomGenerator profileRandom = root.split();
        RandomGenerator redemptionRandom = root.split();
        RandomGenerator seasonRandom = root.split();
        RandomGenerator effectRandom = root.split();
        RandomGenerator paceRandom = root.split();

        List<PlannedPromotion> planned = PromotionCatalogue.plan(promotionRandom, now);
        CustomerCast cast = CustomerCast.cast(castRandom, customers);
        List<PurchaseHistory> histories = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            histories.add(PurchaseHistory.draw(i, cast.segment(i), historyRandom, now));
        }
        // Each customer's current pace, which no order shows: drifted from the gaps of their past orders (a stream
        // of its own, so that the records stay as they were drawn before the pace was simulated)
        for (int i = 0; i < customers; i++) {
            PurchaseHistory history = histories.get(i);
            double drift = RandomDraws.logNormal(paceRandom, 1, history.purchases().size() == 1
                    ? PurchaseHistory.ONE_ORDER_PACE_SPREAD : PurchaseHistory.PACE_DRIFT);
            histories.set(i, history.withPace((int) Math.max(1, Math.round(history.paceDays() * drift))));
        }
        List<CustomerProfile> profiles = CustomerProfiles.draw(profileRandom, cast, histories);
        // Causes after records: seasonal buyers' orders move into their season, then the past promotions add the
        // orders their offers caused. Neither changes a join date, so the profiles drawn above still hold.
        List<Cohort> cohorts = SeasonalCohorts.assign(seasonRandom, histories, now);
        List<DemoTruth.PromotionTruth> promotionTruths =
                PromotionEffects.apply(effectRandom, planned, histories, profiles, cohorts, now);

        // Order numbers rise with the order date, as a shop's would.
        List<Purchase> purchases = new ArrayList<>();
        histories.forEach(history -> purchases.addAll(history.purchases()));
        purchases.sort(CHRONOLOGICAL);
        List<Promotion> promotions = Redemptions.assign(redemptionRandom, purchases, profiles, planned, now);

        List<Order> orders = new ArrayList<>(purchases.size());
        for (int i = 0; i < purchases.size(); i++) {
            Purchase purchase = purchases.get(i);
            orders.add(purchase.toOrder(RowIds.order(i + 1), profiles.get(purchase.customerIndex).id()));
        }
        List<Customer> customerRows = new ArrayList<>(customers);
        List<DemoTruth.CustomerTruth> customerTruths = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            customerRows.add(customer(profiles.get(i), histories.get(i)));
            LifecycleStages.Planted stage =
                    LifecycleStages.of(profiles.get(i).joinDate(), histories.get(i), cohorts.get(i), now);
            customerTruths.add(new DemoTruth.CustomerTruth(profiles.get(i).id(), cohorts.get(i), stage.stage(),
                    stage.since()));
        }
        return new DemoData(seed, customers, now, customerRows, orders, promotions,
                new DemoTruth(customerTruths, promotionTruths));
    }

    private static Customer customer(CustomerProfile profile, PurchaseHistory history) {
        BigDecimal totalSpent = Money.ZERO;
        LocalDate lastOrderDate = null;
        for (Purchase purchase : history.purchases()) {
            if (purchase.status == OrderStatus.COMPLETED) {
                totalSpent = totalSpent.add(purchase.total);
            }
            if (lastOrderDate == null || purchase.date.isAfter(lastOrderDate)) {
                lastOrderDate = purchase.date;
            }
        }
        Segment segment = Segment.forTotalSpent(totalSpent);
        if (segment != profile.segment()) {
            throw new IllegalStateException(profile.id() + " was meant to be " + profile.segment()
                    + " but spent " + totalSpent);
        }
        return new Customer(profile.id(), profile.name(), profile.email(), segment, totalSpent,
                history.purchases().size(), profile.joinDate(), Optional.ofNullable(lastOrderDate), profile.city(),
                profile.country().name(), profile.marketingOptIn(), profile.emailStatus());
    }
}
