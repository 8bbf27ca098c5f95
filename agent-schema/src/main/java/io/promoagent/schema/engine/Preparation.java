package io.promoagent.schema.engine;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.time.TimeResolver;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites a filter into the form sources accept: rules expanded (recursively), relative time ranges
 * resolved to {@code between} against one fixed today, related-record conditions prepared likewise.
 */
final class Preparation {

    /** Rules that expand into rules deeper than this are taken to refer to themselves. */
    private static final int MAX_RULE_DEPTH = 32;

    private final DataModel model;
    private final TimeResolver time;

    Preparation(DataModel model, TimeResolver time) {
        this.model = model;
        this.time = time;
    }

    Optional<Filter> prepare(String entity, Optional<Filter> filter) {
        return filter.map(f -> prepare(entity, f, 0));
    }

    Filter prepare(String entity, Filter filter) {
        return prepare(entity, filter, 0);
    }

    private Filter prepare(String entity, Filter f, int ruleDepth) {
        if (f instanceof And and) {
            return new And(all(entity, and.operands(), ruleDepth));
        }
        if (f instanceof Or or) {
            return new Or(all(entity, or.operands(), ruleDepth));
        }
        if (f instanceof Not not) {
            return new Not(prepare(entity, not.operand(), ruleDepth));
        }
        if (f instanceof Within w) {
            Within resolved = new Within(w.field(), time.resolve(w.range()).toBetween());
            return throughPath(entity, w.field(), resolved, ruleDepth);
        }
        if (f instanceof RuleRef ref) {
            if (ruleDepth >= MAX_RULE_DEPTH) {
                throw new InvalidQueryException(QueryError.of(ErrorCode.FILTER_TOO_DEEP, "$.where",
                        "rule '" + ref.rule() + "' expands into itself"));
            }
            return prepare(entity, model.expandRule(ref.rule(), ref.args()), ruleDepth + 1);
        }
        if (f instanceof Related r) {
            Navigation nav = model.navigation(entity, r.via()).orElseThrow(() -> new IllegalArgumentException(
                    "entity '" + entity + "' has no relationship '" + r.via() + "'"));
            return new Related(r.via(), r.where().map(w -> prepare(nav.to(), w, 0)), r.count());
        }
        if (f instanceof Test) {
            return f; // a test between expressions is evaluated as written; its nested filters are prepared where used
        }
        Compare c = (Compare) f;
        return throughPath(entity, c.field(), c, ruleDepth);
    }

    /** A condition on a path, as conditions on related records ({@link FieldPath#onOwnFields}). */
    private Filter throughPath(String entity, String field, Filter f, int ruleDepth) {
        if (model.requireEntity(entity).field(field).isPresent()) {
            return f;
        }
        Filter rewritten = FieldPath.onOwnFields(model, entity, f);
        return rewritten == f ? f : prepare(entity, rewritten, ruleDepth);
    }

    private List<Filter> all(String entity, List<Filter> operands, int ruleDepth) {
        List<Filter> out = new ArrayList<>(operands.size());
        operands.forEach(o -> out.add(prepare(entity, o, ruleDepth)));
        return out;
    }
}
