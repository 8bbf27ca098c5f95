package io.promoagent.example.app;

import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import java.util.Objects;

/**
 * What one request may read before the person must confirm it, and the on-demand read price its estimate is
 * given in ({@code --read-budget-units}, {@code --read-budget-rows}, {@code --large-table-items},
 * {@code --read-price}).
 *
 * @param budget  the read guard's budget; its defaults never ask on the demo data
 * @param pricing the DynamoDB on-demand price of read request units
 */
public record ReadLimits(ReadBudget budget, ReadPricing pricing) {

    /** The library's defaults: {@link ReadBudget#DEFAULTS}, us-east-1's on-demand price. */
    public static final ReadLimits DEFAULTS = new ReadLimits(ReadBudget.DEFAULTS, ReadPricing.defaults());

    public ReadLimits {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(pricing, "pricing");
    }
}
