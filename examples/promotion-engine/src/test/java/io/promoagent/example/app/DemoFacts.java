package io.promoagent.example.app;

import io.promoagent.example.demo.Customer;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.example.demo.EmailStatus;
import io.promoagent.example.demo.Promotion;
import io.promoagent.example.demo.PromotionStatus;
import io.promoagent.example.demo.Segment;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the end-to-end tests expect, worked out from the generated demo data itself rather than through the
 * engine: the VIP customers, who of them may be e-mailed, the Johns, the newest active promotion.
 */
final class DemoFacts {

    static final long SEED = 42;
    static final int CUSTOMERS = 300;
    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static final String JOHN_SMITH = "john@example.com";

    private final DemoData data = DemoDataGenerator.generate(SEED, CUSTOMERS, NOW);

    static EngineOptions options() {
        return EngineOptions.demo(SEED, CUSTOMERS, NOW);
    }

    List<Customer> vips() {
        return data.customers().stream().filter(c -> c.segment() == Segment.VIP).toList();
    }

    Set<String> vipIds() {
        return vips().stream().map(Customer::id).collect(Collectors.toSet());
    }

    /** The {@code reachable} rule of the data model: opted in, and mail to the address is delivered. */
    static boolean reachable(Customer c) {
        return c.marketingOptIn() && c.emailStatus() == EmailStatus.OK;
    }

    List<String> reachableVipAddresses() {
        return vips().stream().filter(DemoFacts::reachable).map(Customer::email).sorted().toList();
    }

    /**
     * Why each unreachable VIP is skipped, counted by reason: an address that bounced, complained or
     * unsubscribed is skipped for its status before consent is even looked at.
     */
    Map<String, Integer> unreachableVipsByReason() {
        Map<String, Integer> out = new TreeMap<>();
        for (Customer c : vips()) {
            if (c.emailStatus() != EmailStatus.OK) {
                out.merge(c.emailStatus().wireName(), 1, Integer::sum);
            } else if (!c.marketingOptIn()) {
                out.merge("not_opted_in", 1, Integer::sum);
            }
        }
        return out;
    }

    /** The customers whose first name is John ("Email John" is ambiguous among them). */
    List<Customer> johns() {
        return data.customers().stream().filter(c -> c.firstName().equals("John")).toList();
    }

    Customer johnSmith() {
        return data.customers().stream().filter(c -> c.email().equals(JOHN_SMITH)).findFirst().orElseThrow();
    }

    /** The newest active promotion, which "about new promotion" means. */
    String newestActivePromotionCode() {
        return data.promotions().stream().filter(p -> p.status() == PromotionStatus.ACTIVE)
                .max(Comparator.comparing(Promotion::startsAt).thenComparing(Promotion::createdAt))
                .orElseThrow().code();
    }
}
