package io.promoagent.planner.internal;

import io.promoagent.planner.plan.PlanError;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import java.util.List;
import java.util.Optional;

/**
 * What the interpreter made of a request: the query (or only its condition, when it read the audience of
 * a write), how sure it is, and what it could not place.
 *
 * @param entity     the entity read
 * @param query      the query; null when there is an error
 * @param where      the condition alone, references excluded when they were asked for separately
 * @param references the records named by value
 * @param confidence how sure it is, with notes
 * @param error      what the request names that the model does not have; null when nothing
 * @param recognised how many chunks it understood as data or structure
 * @param unknown    the words it did not understand
 */
record Reading(Entity entity, Query query, Optional<Filter> where, List<Reference> references, Confidence confidence,
               PlanError error, int recognised, List<String> unknown) {
}
