/**
 * The vocabulary of query errors: {@link io.promoagent.schema.validate.ErrorCode},
 * {@link io.promoagent.schema.validate.QueryError}, {@link io.promoagent.schema.validate.InvalidQueryException}
 * and the "did you mean" ranking {@link io.promoagent.schema.validate.Suggestions}.
 *
 * <p>It depends on nothing else in the library, so that the JSON reader (which needs no model) and the
 * validator ({@link io.promoagent.schema.model.QueryValidator}, which lives with the model because
 * building a model validates its rules' predicates) report in the same terms.
 */
package io.promoagent.schema.validate;
