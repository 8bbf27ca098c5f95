package io.promoagent.example.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the generator planted and the data only shows indirectly: each customer's buying cohort and
 * lifecycle stage, and each past promotion's true effect. Analyses are tested against it.
 */
public record DemoTruth(List<CustomerTruth> customers, List<PromotionTruth> promotions) {

    public DemoTruth {
        customers = List.copyOf(customers);
        promotions = List.copyOf(promotions);
    }

    /**
     * One customer's planted cohort and stage, and the day they entered the stage (for a customer who stopped
     * buying: the day after their next order was due at their pace, or the day a calendar bound moved them on).
     */
    public record CustomerTruth(String id, Cohort cohort, LifecycleStage stage, LocalDate stageSince) {
        public CustomerTruth {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cohort, "cohort");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(stageSince, "stageSince");
        }
    }

    /**
     * One past promotion's planted effect on its audience.
     *
     * @param members      the customers in its audience when it started
     * @param control      how many of them were held out; zero without a control group
     * @param trueUplift   the expected rise in the share of members who ordered during the promotion, caused
     *                     by the offer: the mean over all members of the chance that the offer made a member
     *                     who would not have ordered order
     * @param incremental  the orders the offer actually caused among the treated members
     */
    public record PromotionTruth(String code, Optional<Double> controlShare, int members, int control,
            double trueUplift, int incremental) {
        public PromotionTruth {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(controlShare, "controlShare");
        }
    }
}
