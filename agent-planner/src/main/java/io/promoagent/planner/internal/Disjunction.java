package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Or;
import java.util.ArrayList;
import java.util.List;

/**
 * "whose first name starts with 'J' or last name contains 'son'": an "or" between two conditions on the
 * same records joins them into one {@link Or}. Two values of one field ("web or mobile") are widened by
 * {@link Values} already; this joins whatever conditions stand on either side of the word, once the one
 * after it is read. An "or" that joins nothing is left for the accountant, which makes the plan unsure.
 */
final class Disjunction {

    /** How many chunks after the "or" the next condition may start: "or last name contains 'son'". */
    private static final int REACH = 4;

    private final QueryInterpreter q;
    private int orAt = -1;
    private int before;
    private Conditions.Cond lastBefore;

    Disjunction(QueryInterpreter interpreter) {
        this.q = interpreter;
    }

    /** Notes an "or" at chunk {@code k} that follows a condition. */
    void before(int k) {
        if (q.chunks.get(k) instanceof Chunk.Word w && w.role() == Grammar.Role.OR && q.conds.last() != null) {
            orAt = k;
            before = q.conds.all().size();
            lastBefore = q.conds.last();
        }
    }

    /** After chunk {@code k} was read: joins the condition it added with the one before the "or". */
    void after(int k) {
        if (orAt < 0 || k == orAt) {
            return;
        }
        List<Conditions.Cond> all = q.conds.all();
        if (all.size() == before + 1) {
            Conditions.Cond left = all.get(before - 1);
            Conditions.Cond right = all.get(before);
            if (left == lastBefore && left.entity().equals(right.entity()) && left.negated() == right.negated()
                    && left.filter() != null && right.filter() != null) {
                List<Filter> ops = new ArrayList<>();
                if (left.filter() instanceof Or o) {
                    ops.addAll(o.operands());
                } else {
                    ops.add(left.filter());
                }
                ops.add(right.filter());
                all.remove(before);
                all.set(before - 1, new Conditions.Cond(left.entity(), new Or(ops), left.negated()));
            }
            orAt = -1;
        } else if (all.size() != before || q.conds.last() != lastBefore || k - orAt > REACH) {
            orAt = -1; // widened in place ("web or mobile"), or nothing followed
        }
    }
}
