/**
 * The meaning of the query IR on rows in memory: what a filter selects ({@link io.promoagent.schema.eval.RowPredicate}),
 * how values compare and match ({@link io.promoagent.schema.eval.Values}) and what a dotted field name
 * reaches ({@link io.promoagent.schema.eval.FieldPath}).
 *
 * <p>Each rule has one definition here, shared by the query engine, the
 * {@link io.promoagent.schema.engine.ReferenceEvaluator} (the oracle that the engine and every source
 * compiler are tested against) and the in-memory source. They are public for DataSource authors: a
 * compiler to a native query folds bounds with {@code Values.compare} and checks its results with
 * {@code RowPredicate}.
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
