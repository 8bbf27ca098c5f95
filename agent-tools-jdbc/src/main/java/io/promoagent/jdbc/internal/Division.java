package io.promoagent.jdbc.internal;

/**
 * {@code a / b} in SQL with the library's rounding ({@code Values.divide}: 16 significant digits, half to
 * even; absent when dividing by zero), which PostgreSQL's own numeric division (rounded half away from zero
 * at a scale of its choosing) does not give digit for digit. The quotient's magnitude is computed exactly
 * as an integer at 40 decimal places ({@code div}, which truncates), its first 16 digits kept, and the rest
 * with the division's remainder decide the rounding.
 *
 * <p>Exact for quotients of magnitude 1e-24 and above (below, fewer than 16 digits lie within 40 decimal
 * places).
 */
final class Division {

    private static final String SCALE = "CAST('1e40' AS numeric)";
    private static final String UNSCALE = "CAST('1e-40' AS numeric)";

    private Division() {
    }

    static Sql sql(Sql a, Sql b) {
        Sql operands = new Sql().append("SELECT abs(").append(a).append(") AS x, abs(").append(b)
                .append(") AS y, sign(").append(a).append(") * sign(").append(b).append(") AS s, CASE WHEN ").append(b)
                .append(" = 0 THEN NULL ELSE div(abs(").append(a).append(") * " + SCALE + ", abs(").append(b)
                .append(")) END AS t");
        String digits = "length(CAST(t AS text)) - 16";
        String head = "div(t, p)";
        String rest = "(t - " + head + " * p)";
        String half = "(p * 0.5)";
        String up = "CASE WHEN " + rest + " > " + half + " OR (" + rest + " = " + half + " AND (x * " + SCALE
                + " <> t * y OR mod(" + head + ", 2) = 1)) THEN 1 ELSE 0 END";
        // trim_scale: the quotient written with no trailing zeros, as the library writes it (PostgreSQL 13 and later)
        return new Sql().append("(SELECT trim_scale(CASE WHEN y = 0 THEN NULL WHEN d <= 0 THEN s * t * " + UNSCALE
                        + " ELSE s * (" + head + " + " + up + ") * p * " + UNSCALE + " END) FROM (SELECT x, y, s, t, "
                        + digits + " AS d, power(CAST(10 AS numeric), greatest(" + digits + ", 0)) AS p FROM (")
                .append(operands).append(") AS q1) AS q2)");
    }
}
