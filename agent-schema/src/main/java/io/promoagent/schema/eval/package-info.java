/**
 * The meaning of the query IR, and the reference evaluator that applies it to rows in memory.
 *
 * <p>{@link io.promoagent.schema.engine.ReferenceEvaluator} is the oracle that the query engine and every
 * source compiler are tested against. The other public classes here ({@link io.promoagent.schema.eval.RowPredicate},
 * {@link io.promoagent.schema.eval.Values}, {@link io.promoagent.schema.engine.RowOrder},
 * {@link io.promoagent.schema.engine.QueryShape}, {@link io.promoagent.schema.eval.FieldPath}) hold the
 * single definition of each rule, shared by the evaluator, the engine and the in-memory source; they are
 * public only so that those packages can share them.
 *
 * <p>The rules a caller may rely on:
 * <ul>
 *   <li>Filters are two-valued; a comparison on an absent field is false except {@code is_null}; a value
 *       of another type than the field's never matches; strings compare by code point.</li>
 *   <li>A condition on a path ({@code customer.segment}) holds when a related record meets it.</li>
 *   <li>Sums, differences and products are exact; every division (averages, {@code /} in measures) is
 *       rounded once to 16 significant digits, half to even; division by zero, and a sum, average,
 *       minimum or maximum over no values, give no value (an absent column).</li>
 *   <li>Order: absent values last in both directions; ties broken by the entity's key ascending (plain
 *       queries) or by the group keys ascending (aggregate queries), so every result is deterministic.</li>
 * </ul>
 */
package io.promoagent.schema.eval;
