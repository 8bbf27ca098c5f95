package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromotionCodesTest {

    static final PromotionSettings DEFAULTS = PromotionSettings.defaults();

    static String generate(PromotionSettings settings, DiscountType type, String value, Audience audience, Set<String> taken) {
        return PromotionCodes.generate(settings, type, new BigDecimal(value), audience, taken::contains);
    }

    @Test
    void makesTheCodeFromTheAudienceAndTheDiscount() {
        assertThat(generate(DEFAULTS, DiscountType.PERCENT, "25", Audience.rule("vip"), Set.of())).isEqualTo("VIP25");
        assertThat(generate(DEFAULTS, DiscountType.FIXED, "10.00", Audience.rule("premium"), Set.of())).isEqualTo("PREMIUM10");
        assertThat(generate(DEFAULTS, DiscountType.PERCENT, "12.5", Audience.rule("lapsed_customer"), Set.of()))
                .isEqualTo("LAPSEDCUSTOM12_5");
        assertThat(generate(DEFAULTS, DiscountType.FREE_SHIPPING, "0", Audience.everyone(), Set.of())).isEqualTo("ALLFREESHIP");
    }

    @Test
    void addsASuffixFromTheAlphabetWhenTheCodeIsTakenTheSameOneEachTime() {
        String code = generate(DEFAULTS, DiscountType.PERCENT, "25", Audience.rule("vip"), Set.of("VIP25"));

        assertThat(code).matches("VIP25-[" + DEFAULTS.codeAlphabet() + "]{4}");
        assertThat(generate(DEFAULTS, DiscountType.PERCENT, "25", Audience.rule("vip"), Set.of("VIP25"))).isEqualTo(code);
        assertThat(generate(DEFAULTS, DiscountType.PERCENT, "25", Audience.rule("vip"), Set.of("VIP25", code)))
                .isNotEqualTo(code).startsWith("VIP25-");
    }

    @Test
    void fillsHashesOfThePatternFromTheAlphabet() {
        PromotionSettings hashes = DEFAULTS.withCodePattern("SALE-####", "AB");

        assertThat(generate(hashes, DiscountType.PERCENT, "10", Audience.everyone(), Set.of())).matches("SALE-[AB]{4}");
    }

    @Test
    void givesUpClearlyWhenEveryCodeItCanMakeIsTaken() {
        PromotionSettings tiny = DEFAULTS.withCodePattern("X#", "AB");
        Set<String> taken = new HashSet<>();
        for (String a : new String[] {"A", "B"}) {
            taken.add("X" + a);
            for (String b : new String[] {"AA", "AB", "BA", "BB"}) {
                for (String c : new String[] {"AA", "AB", "BA", "BB"}) {
                    taken.add("X" + a + "-" + b + c);
                }
            }
        }
        assertThatThrownBy(() -> generate(tiny, DiscountType.PERCENT, "10", Audience.everyone(), taken))
                .isInstanceOf(PromotionException.class).hasMessageContaining("give a code");
    }
}
