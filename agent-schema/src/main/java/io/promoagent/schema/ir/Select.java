package io.promoagent.schema.ir;

import java.util.Objects;
import java.util.Optional;

/**
 * A column a query returns, computed from each record: a field, a field of a related record
 * ({@code customer.name}), or any other {@link Expr}.
 *
 * @param expr the value
 * @param as   the column's name; a field's path by default, required for other expressions
 */
public record Select(Expr expr, Optional<String> as) {

    public Select {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(as, "as");
    }

    public static Select of(String field) {
        return new Select(new Expr.FieldRef(field), Optional.empty());
    }

    public static Select of(Expr expr, String as) {
        return new Select(expr, Optional.of(as));
    }

    /** The column's name. */
    public String alias() {
        return as.orElseGet(() -> expr instanceof Expr.FieldRef f ? f.field() : "value");
    }
}
