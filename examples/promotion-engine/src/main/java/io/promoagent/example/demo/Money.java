package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Amounts of money in the demo data: {@link BigDecimal} with exactly two decimals. */
final class Money {
    static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    static BigDecimal of(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    /** Checks that an amount has no more than two decimals and returns it with exactly two. */
    static BigDecimal requireCents(BigDecimal amount, String name) {
        Objects.requireNonNull(amount, name);
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must have at most two decimals: " + amount, e);
        }
    }
}
