package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromotionTest {

    static Promotion.Builder valid() {
        return Promotion.builder().id("P0100").name("Test").code("TEST25").description("A test")
                .discount(DiscountType.PERCENT, new BigDecimal("25")).audience(Audience.rule("vip"))
                .window(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31)).status(PromotionStatus.DRAFT)
                .budget(new BigDecimal("1000")).maxRedemptions(100).perCustomerLimit(1).priority(50)
                .createdBy("mia").createdAt(LocalDate.of(2026, 6, 30));
    }

    static InvalidPromotionException refusal(Promotion.Builder b) {
        try {
            b.build();
        } catch (InvalidPromotionException e) {
            return e;
        }
        throw new AssertionError("the promotion was accepted");
    }

    @Nested
    class DiscountBounds {

        @Test
        void acceptsPercentDiscountsFromOneToAHundred() {
            for (String v : new String[] {"1", "12.5", "25", "100"}) {
                assertThat(valid().discount(DiscountType.PERCENT, new BigDecimal(v)).build().discountValue())
                        .isEqualByComparingTo(v);
            }
        }

        @Test
        void refusesPercentDiscountsOutsideOneToAHundredSayingWhere() {
            for (String v : new String[] {"0", "0.5", "100.01", "150", "-5"}) {
                assertThat(refusal(valid().discount(DiscountType.PERCENT, new BigDecimal(v))).problems())
                        .as(v).anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo("discount_value");
                            assertThat(p.message()).contains("percent discounts lie between 1 and 100");
                        });
            }
        }

        @Test
        void aFixedDiscountIsAPositiveAmountWithAtMostTwoDecimals() {
            assertThat(valid().discount(DiscountType.FIXED, new BigDecimal("150")).build().offer()).isEqualTo("150.00 off");
            assertThat(refusal(valid().discount(DiscountType.FIXED, BigDecimal.ZERO)).getMessage()).contains("greater than 0");
            assertThat(refusal(valid().discount(DiscountType.FIXED, new BigDecimal("9.999"))).getMessage()).contains("two decimals");
        }

        @Test
        void freeShippingHasTheValueZero() {
            assertThat(valid().discount(DiscountType.FREE_SHIPPING, new BigDecimal("0.00")).build().offer()).isEqualTo("free shipping");
            assertThat(refusal(valid().discount(DiscountType.FREE_SHIPPING, BigDecimal.TEN)).getMessage()).contains("value 0");
        }
    }

    @Nested
    class OtherRules {

        @Test
        void refusesAnEndDateBeforeTheStartDate() {
            InvalidPromotionException e = refusal(valid().window(LocalDate.of(2026, 7, 31), LocalDate.of(2026, 7, 1)));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("ends_at");
                assertThat(p.message()).isEqualTo("the end date 2026-07-01 is before the start date 2026-07-31");
            });
        }

        @Test
        void aOneDayWindowIsFine() {
            assertThat(valid().window(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1)).build().days()).isEqualTo(1);
        }

        @Test
        void codesAreUpperCaseLettersDigitsDashesAndUnderscores() {
            assertThat(valid().code("BACK-2_SCHOOL").build().code()).isEqualTo("BACK-2_SCHOOL");
            for (String bad : new String[] {"save10", "AB", "-SAVE", "SAVE 10", "X".repeat(33)}) {
                assertThat(refusal(valid().code(bad)).problems()).as(bad).extracting(InvalidPromotionException.Problem::field)
                        .containsExactly("code");
            }
        }

        @Test
        void listsEveryBrokenRuleAtOnce() {
            InvalidPromotionException e = refusal(valid().discount(DiscountType.PERCENT, new BigDecimal("150"))
                    .budget(new BigDecimal("-1")).maxRedemptions(0).perCustomerLimit(0).priority(-1).code("x"));

            assertThat(e.problems()).extracting(InvalidPromotionException.Problem::field)
                    .contains("discount_value", "budget", "max_redemptions", "per_customer_limit", "priority", "code");
        }

        @Test
        void windowsOverlapWhenTheyShareADay() {
            Promotion july = valid().build();
            Promotion lastDay = valid().window(LocalDate.of(2026, 7, 31), LocalDate.of(2026, 8, 10)).build();
            Promotion august = valid().window(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 10)).build();

            assertThat(july.overlaps(lastDay)).isTrue();
            assertThat(lastDay.overlaps(july)).isTrue();
            assertThat(july.overlaps(august)).isFalse();
        }
    }

    @Nested
    class StoredForm {

        @Test
        void everyDemoPromotionReadsAndWritesBackToTheSameRecord() {
            for (Row row : Demo.DATA.rows("promotions")) {
                Row again = Promotion.fromRow(row).toRow();

                assertThat(again.values().keySet()).as("%s", row.valueOrNull("code")).isEqualTo(row.values().keySet());
                row.values().forEach((field, value) -> {
                    if (value instanceof BigDecimal d) {
                        assertThat((BigDecimal) again.valueOrNull(field)).as(field).isEqualByComparingTo(d);
                    } else {
                        assertThat(again.valueOrNull(field)).as(field).isEqualTo(value);
                    }
                });
            }
        }

        @Test
        void readsTheDemoValuesTyped() {
            Promotion vip25 = Promotion.fromRow(Demo.promotion("VIP25"));

            assertThat(vip25.audience()).isEqualTo(Audience.rule("vip"));
            assertThat(vip25.discountType()).isEqualTo(DiscountType.PERCENT);
            assertThat(vip25.minOrderTotal()).hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo("100"));
            assertThat(vip25.exclusive()).isTrue();
            assertThat(Promotion.fromRow(Demo.promotion("SUMMER25")).audience()).isEqualTo(Audience.everyone());
        }

        @Test
        void namesEveryFieldThatIsMissingOrOfTheWrongType() {
            Map<String, Object> v = new LinkedHashMap<>(Demo.promotion("SUMMER25").values());
            v.remove("code");
            v.put("starts_at", "tomorrow");
            v.put("exclusive", "no");

            assertThatThrownBy(() -> Promotion.fromRow(Row.of(v)))
                    .isInstanceOfSatisfying(InvalidPromotionException.class, e -> assertThat(e.problems())
                            .extracting(InvalidPromotionException.Problem::field)
                            .containsExactlyInAnyOrder("code", "starts_at", "exclusive"));
        }
    }
}
