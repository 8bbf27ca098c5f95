package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enum values and rules in a query: "VIP customers" is the rule that is exactly segment = VIP, "from
 * Germany" is country = DE, and "VIP and premium" or "web or mobile" widen one condition.
 */
final class Values {

    private final QueryInterpreter q;
    private final Clauses clauses;

    Values(QueryInterpreter interpreter, Clauses clauses) {
        this.q = interpreter;
        this.clauses = clauses;
    }

    void rule(int k, Rule rule, Filter filter) {
        String field = comparedField(rule);
        if (field != null && alternative(k, rule.entity(), field, filter)) {
            return;
        }
        q.conds.add(rule.entity(), filter, q.negate);
        q.negate = false;
        q.lastRule = rule;
        q.lastRuleAt = k;
        q.lastValueField = field;
        q.lastValueAt = k;
        if (!rule.entity().equals(q.head.name())) {
            clauses.scopeTo(rule.entity());
            q.withPending = false;
        }
    }

    /** An enum value: the rule that is exactly this comparison, or the comparison ("from Germany"). */
    void value(int k, Sense.ValueSense v) {
        Optional<Rule> rule = q.facts.ruleFor(v.entity(), v.field().name(), v.value());
        Filter f = rule.<Filter>map(r -> RuleRef.of(r.name())).orElse(Compare.eq(v.field().name(), v.value()));
        if (alternative(k, v.entity(), v.field().name(), f)) {
            return;
        }
        q.conds.add(v.entity(), f, q.negate);
        q.negate = false;
        q.lastValueField = v.field().name();
        q.lastValueAt = k;
        if (rule.isPresent()) {
            q.lastRule = rule.get();
            q.lastRuleAt = k;
        }
        if (!v.entity().equals(q.head.name())) {
            clauses.scopeTo(v.entity());
        }
    }

    /**
     * "VIP and Premium customers", "web or mobile orders": a second value of the field just named, joined
     * by and/or, widens the last condition instead of narrowing it.
     */
    private boolean alternative(int k, String entity, String field, Filter f) {
        Conditions.Cond last = q.conds.last();
        if (last == null || q.lastValueField == null || k - q.lastValueAt > 3 || last.filter() == null
                || !last.entity().equals(entity) || !q.lastValueField.equals(field)) {
            return false;
        }
        boolean joined = false;
        for (int j = q.lastValueAt + 1; j < k; j++) {
            Chunk c = q.chunks.get(j);
            if (!(c instanceof Chunk.Word w && (w.role() == Grammar.Role.AND || w.role() == Grammar.Role.OR))) {
                return false;
            }
            joined = true;
        }
        if (!joined) {
            return false;
        }
        Filter merged;
        if (last.filter() instanceof Compare c && f instanceof Compare n && c.field().equals(n.field())) {
            List<Object> values = new ArrayList<>(c.values());
            values.addAll(n.values());
            merged = new Compare(field, Operator.IN, values, false);
        } else if (last.filter() instanceof Or or) {
            List<Filter> ops = new ArrayList<>(or.operands());
            ops.add(f);
            merged = new Or(ops);
        } else {
            merged = new Or(List.of(last.filter(), f));
        }
        q.conds.replaceLast(new Conditions.Cond(entity, merged, last.negated()));
        q.lastValueAt = k;
        return true;
    }

    /** The field a rule compares with one value, when it is that comparison (vip is segment = VIP). */
    private String comparedField(Rule rule) {
        try {
            return q.facts.model.expandRule(rule.name(), java.util.Map.of()) instanceof Compare c
                    && c.op() == Operator.EQ ? c.field() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
