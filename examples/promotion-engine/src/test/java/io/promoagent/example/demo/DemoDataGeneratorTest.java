package io.promoagent.example.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator keeps the data contract for any seed, size and today, not only for the default data set. */
class DemoDataGeneratorTest {

    /** Forty (seed, customers, today) inputs drawn once from a fixed seed, small data sets included. */
    static Stream<Arguments> inputs() {
        SplittableRandom random = new SplittableRandom(20260630);
        return Stream.concat(
                Stream.of(Arguments.of(0L, 1, LocalDate.of(2024, 2, 29)),
                        Arguments.of(-1L, 6, LocalDate.of(2030, 1, 1))),
                Stream.generate(() -> Arguments.of(random.nextLong(), 1 + random.nextInt(400),
                        LocalDate.of(2020, 1, 1).plusDays(random.nextInt(7300)))).limit(38));
    }

    @Nested
    class ForAnyInputs {
        @ParameterizedTest(name = "seed {0}, {1} customers, today {2}")
        @MethodSource("io.promoagent.example.demo.DemoDataGeneratorTest#inputs")
        void everyCustomerAddsUpToTheirOrders(long seed, int customers, LocalDate now) {
            DemoData data = DemoDataGenerator.generate(seed, customers, now);
            Map<String, List<Order>> ordersByCustomer =
                    data.orders().stream().collect(Collectors.groupingBy(Order::customerId));

            assertThat(data.customers()).hasSize(customers);
            for (Customer customer : data.customers()) {
                List<Order> orders = ordersByCustomer.getOrDefault(customer.id(), List.of());
                BigDecimal completed = orders.stream().filter(order -> order.status() == OrderStatus.COMPLETED)
                        .map(Order::total).reduce(Money.ZERO, BigDecimal::add);
                assertThat(customer.totalSpent()).isEqualTo(completed);
                assertThat(customer.segment()).isEqualTo(Segment.forTotalSpent(customer.totalSpent()));
                assertThat(customer.orderCount()).isEqualTo(orders.size());
                assertThat(customer.lastOrderDate())
                        .isEqualTo(orders.stream().map(Order::orderDate).max(LocalDate::compareTo));
                orders.forEach(order -> assertThat(customer.joinDate()).isBeforeOrEqualTo(order.orderDate()));
            }
            assertThat(data.customers().stream().map(Customer::email)).doesNotHaveDuplicates();
        }

        @ParameterizedTest(name = "seed {0}, {1} customers, today {2}")
        @MethodSource("io.promoagent.example.demo.DemoDataGeneratorTest#inputs")
        void ordersAndPromotionsAgree(long seed, int customers, LocalDate now) {
            DemoData data = DemoDataGenerator.generate(seed, customers, now);
            Map<String, Promotion> promotions =
                    data.promotions().stream().collect(Collectors.toMap(Promotion::code, Function.identity()));
            Map<String, Long> redemptions = data.orders().stream().flatMap(order -> order.promotionCode().stream())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

            assertThat(data.promotions()).hasSizeBetween(8, 12);
            for (Order order : data.orders()) {
                assertThat(order.orderDate()).isAfter(now.minusYears(2)).isBeforeOrEqualTo(now);
                assertThat(order.costOfGoods().doubleValue() / order.total().doubleValue()).isBetween(0.40, 0.60);
                order.promotionCode().ifPresent(code -> assertThat(order.orderDate())
                        .isBetween(promotions.get(code).startsAt(), promotions.get(code).endsAt()));
            }
            for (Promotion promotion : data.promotions()) {
                assertThat((long) promotion.redemptions()).isEqualTo(redemptions.getOrDefault(promotion.code(), 0L));
                assertThat(promotion.budgetUsed()).isLessThanOrEqualTo(promotion.budget());
                assertThat(promotion.redemptions()).isLessThanOrEqualTo(promotion.maxRedemptions());
                switch (promotion.status()) {
                    case ACTIVE, PAUSED -> assertThat(now).isBetween(promotion.startsAt(), promotion.endsAt());
                    case EXPIRED -> assertThat(promotion.endsAt()).isBefore(now);
                    case DRAFT, SCHEDULED -> assertThat(promotion.startsAt()).isAfter(now);
                }
            }
        }

        @ParameterizedTest(name = "seed {0}, {1} customers, today {2}")
        @MethodSource("io.promoagent.example.demo.DemoDataGeneratorTest#inputs")
        void theSpecialPeopleAppearWheneverThereIsRoomForThem(long seed, int customers, LocalDate now) {
            DemoData data = DemoDataGenerator.generate(seed, customers, now);

            assertThat(data.customers()).filteredOn(customer -> customer.name().equals("John Smith"))
                    .singleElement()
                    .satisfies(johnSmith -> {
                        assertThat(johnSmith.email()).isEqualTo("john@example.com");
                        assertThat(johnSmith.segment()).isEqualTo(Segment.VIP);
                        assertThat(johnSmith.marketingOptIn()).isTrue();
                        assertThat(johnSmith.emailStatus()).isEqualTo(EmailStatus.OK);
                    });
            if (customers >= 6) {
                assertThat(data.customers()).filteredOn(customer -> customer.firstName().equals("John"))
                        .hasSizeGreaterThanOrEqualTo(4);
                assertThat(data.customers()).filteredOn(customer -> customer.segment() == Segment.VIP)
                        .anyMatch(vip -> !vip.marketingOptIn())
                        .anyMatch(vip -> vip.emailStatus() == EmailStatus.BOUNCED);
            }
        }
    }

    @Nested
    class Inputs {
        @Test
        void refusesFewerThanOneOrMoreThanAMillionCustomers() {
            LocalDate now = LocalDate.of(2026, 6, 30);

            assertThatThrownBy(() -> DemoDataGenerator.generate(42, 0, now))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customers");
            assertThatThrownBy(() -> DemoDataGenerator.generate(42, 1_000_001, now))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customers");
        }

        @Test
        void givesEqualDataForEqualInputs() {
            LocalDate now = LocalDate.of(2026, 6, 30);

            assertThat(DemoDataGenerator.generate(5, 300, now)).isEqualTo(DemoDataGenerator.generate(5, 300, now));
        }
    }
}
