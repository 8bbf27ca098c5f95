package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a reference to a business rule: the rule exists, selects the entity being filtered, and its
 * predicate with the given arguments fits the data model (so {@code recent_orders(days = 99999)} is
 * refused like the range it expands to).
 */
final class RuleChecker {

    private final Context ctx;
    private final Errors errors;
    private final Set<String> expanding;
    private final Mode mode;

    /** @param mode {@link Mode#RULE}, or {@link Mode#LIBRARY} inside a measure's condition, where tests are refused */
    RuleChecker(Context ctx, Errors errors, Set<String> expanding, Mode mode) {
        this.ctx = ctx;
        this.errors = errors;
        this.expanding = expanding;
        this.mode = mode;
    }

    /** The reference unchanged; the engine expands it. Errors are added for whatever is wrong. */
    Filter check(String entity, RuleRef r, String path) {
        Optional<Rule> found = ctx.model().rule(r.rule());
        if (found.isEmpty()) {
            errors.add(ErrorCode.UNKNOWN_RULE, path + ".rule", "there is no rule " + q(r.rule()),
                    ctx.names().rules(entity, r.rule()));
            return r;
        }
        Rule rule = found.get();
        if (!rule.entity().equals(entity)) {
            errors.add(ErrorCode.RULE_NOT_FOR_ENTITY, path + ".rule", notFor(entity, rule),
                    ctx.names().rules(entity, r.rule()).stream()
                            .filter(n -> ctx.model().rule(n).map(x -> x.entity().equals(entity)).orElse(false))
                            .toList());
        }
        if (!argumentsAreValues(rule, r.args(), path)) {
            return r;
        }
        Filter expanded;
        try {
            expanded = rule.expand(r.args());
        } catch (InvalidQueryException e) {
            String prefix = "$.rule(" + rule.name() + ")";
            for (QueryError err : e.errors()) {
                String p = err.path().startsWith(prefix + ".args.")
                        ? path + err.path().substring(prefix.length())
                        : path + (r.args().isEmpty() ? ".rule" : ".args");
                errors.add(err.code(), p, err.message(), err.suggestions());
            }
            return r;
        }
        if (!expanding.add(rule.name())) {
            errors.add(ErrorCode.CIRCULAR_RULE, path + ".rule", "rule " + q(rule.name()) + " refers back to itself");
            return r;
        }
        try {
            Errors inner = new Errors();
            new FilterChecker(ctx, mode, inner, expanding).check(rule.entity(), expanded, "$", 1);
            if (inner.size() > 0) {
                QueryError first = inner.list().get(0);
                if (first.code() == ErrorCode.CIRCULAR_RULE) {
                    errors.add(ErrorCode.CIRCULAR_RULE, path + ".rule", "rule " + q(rule.name())
                            + " refers back to itself through other rules");
                } else {
                    errors.add(first.code(), path + (r.args().isEmpty() ? ".rule" : ".args"), "with these arguments rule "
                            + q(rule.name()) + " does not fit the data model: " + first.message(), first.suggestions());
                }
            }
        } finally {
            expanding.remove(rule.name());
        }
        return r;
    }

    private String notFor(String entity, Rule rule) {
        String message = "rule " + q(rule.name()) + " selects " + rule.entity() + ", not " + entity;
        Optional<Navigation> nav = ctx.names().navigationTo(entity, rule.entity());
        if (nav.isPresent()) {
            message += "; wrap it as {\"type\":\"related\",\"via\":\"" + nav.get().name()
                    + "\",\"where\":{\"type\":\"rule\",\"rule\":\"" + rule.name() + "\"},\"exists\":true}";
        }
        return message;
    }

    /** Whether every argument is a plain value the rule's JSON form can hold; adds an error for each that is not. */
    private boolean argumentsAreValues(Rule rule, Map<String, Object> args, String path) {
        int before = errors.size();
        for (Map.Entry<String, Object> a : args.entrySet()) {
            String p = path + ".args." + a.getKey();
            Object v = a.getValue();
            if (v == null || !(v instanceof String || v instanceof BigDecimal || v instanceof Boolean)) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, p, "argument " + q(a.getKey()) + " of rule " + q(rule.name())
                        + " needs a string, number or boolean");
            } else if (v instanceof String s && s.length() > ctx.limits().maxStringLength()) {
                errors.add(ErrorCode.STRING_TOO_LONG, p, "the argument has " + s.length() + " characters; at most "
                        + ctx.limits().maxStringLength() + " are allowed");
            } else if (v instanceof BigDecimal d && (Math.abs((long) d.scale()) > 1000
                    || Math.abs((long) d.precision() - d.scale()) > 1000)) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, p, Text.value(d) + " is out of range");
            }
        }
        return errors.size() == before;
    }
}
