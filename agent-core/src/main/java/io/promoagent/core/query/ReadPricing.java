package io.promoagent.core.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What DynamoDB charges for on-demand reads, to turn an estimate's read units into money. Prices differ by
 * region and change over time, so the price names both; set the one of your region.
 *
 * @param perMillionReadUnits the price of one million read request units
 * @param currency            the price's currency ({@code USD})
 * @param region              the AWS region the price is of ({@code us-east-1})
 * @param asOf                the date from which the price holds
 */
public record ReadPricing(BigDecimal perMillionReadUnits, String currency, String region, LocalDate asOf) {

    /**
     * The on-demand price in US East (N. Virginia): USD 0.125 per million read request units, in force
     * since DynamoDB halved its on-demand prices on 1 November 2024 (see docs/federation.md for the source).
     */
    public static final ReadPricing US_EAST_1_ON_DEMAND =
            new ReadPricing(new BigDecimal("0.125"), "USD", "us-east-1", LocalDate.of(2024, 11, 1));

    public ReadPricing {
        Objects.requireNonNull(perMillionReadUnits, "perMillionReadUnits");
        if (perMillionReadUnits.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** The default: {@link #US_EAST_1_ON_DEMAND}. */
    public static ReadPricing defaults() {
        return US_EAST_1_ON_DEMAND;
    }

    /** This pricing at another price per million read request units. */
    public ReadPricing withPricePerMillion(BigDecimal price) {
        return new ReadPricing(price, currency, region, asOf);
    }

    /** What {@code readUnits} read request units cost, to 10^-12 of the currency unit. */
    public BigDecimal cost(double readUnits) {
        return perMillionReadUnits.multiply(BigDecimal.valueOf(readUnits))
                .divide(BigDecimal.valueOf(1_000_000), 12, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
