package io.promoagent.schema.model;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Within;

/** Checks that the predicate of a rule or measure names only what its entity has. */
final class RuleCheck {

    private RuleCheck() {
    }

    static void check(DataModel model, String entity, Filter filter, String path) {
        Entity e = model.requireEntity(entity);
        if (filter instanceof And a) {
            for (int i = 0; i < a.operands().size(); i++) {
                check(model, entity, a.operands().get(i), path + ".and[" + i + "]");
            }
        } else if (filter instanceof Or o) {
            for (int i = 0; i < o.operands().size(); i++) {
                check(model, entity, o.operands().get(i), path + ".or[" + i + "]");
            }
        } else if (filter instanceof Not n) {
            check(model, entity, n.operand(), path + ".not");
        } else if (filter instanceof Compare c) {
            field(e, c.field(), path);
        } else if (filter instanceof Within w) {
            Field f = field(e, w.field(), path);
            if (!f.type().isTemporal()) {
                throw new DataModelException(path + ".field", "'" + w.field() + "' is not a date");
            }
        } else if (filter instanceof RuleRef r) {
            Rule rule = model.rule(r.rule()).orElseThrow(
                    () -> new DataModelException(path + ".rule", "unknown rule '" + r.rule() + "'"));
            if (!rule.entity().equals(entity)) {
                throw new DataModelException(path + ".rule", "rule '" + r.rule() + "' is over '" + rule.entity() + "'");
            }
        } else if (filter instanceof Related rel) {
            Navigation nav = model.navigation(entity, rel.via()).orElseThrow(
                    () -> new DataModelException(path + ".via", "entity '" + entity + "' has no relationship '" + rel.via() + "'"));
            rel.where().ifPresent(w -> check(model, nav.to(), w, path + ".where"));
        }
    }

    private static Field field(Entity e, String name, String path) {
        return e.field(name).orElseThrow(() -> new DataModelException(path + ".field",
                "unknown field '" + name + "' of entity '" + e.name() + "'"));
    }
}
