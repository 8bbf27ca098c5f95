package io.promoagent.schema.ir;

/**
 * A condition on the records of one entity: the {@code where} of a query, the predicate of a rule.
 *
 * <p>A closed family so that every compiler (in memory, DynamoDB, SQL) is told by the compiler when it
 * misses a case.
 */
public sealed interface Filter permits And, Or, Not, Compare, Within, RuleRef, Related, Test {

    static Filter and(Filter... operands) {
        return new And(java.util.List.of(operands));
    }

    static Filter or(Filter... operands) {
        return new Or(java.util.List.of(operands));
    }

    static Filter not(Filter operand) {
        return new Not(operand);
    }
}
