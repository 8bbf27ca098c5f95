package io.promoagent.planner.internal;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.ReferenceResolver;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What planning one request needs besides its tokens: the model's facts, today's date, the look-up,
 * the request's text and the confidence policy.
 *
 * @param facts    what the planner derived from the data model
 * @param today    the date "today" means
 * @param resolver runs look-ups, when one is configured
 * @param probe    tells which field a value written in the request is in
 * @param text     the request as written
 * @param policy   the confidence from which a plan is sure
 */
record PlanContext(ModelFacts facts, LocalDate today, Optional<ReferenceResolver> resolver,
                   Probe probe, String text, ConfidencePolicy policy) {
}
