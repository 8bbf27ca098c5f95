package io.promoagent.schema.model;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.stream.Collectors;

/** How names and values appear in error messages: quoted, and cut short when long. */
final class Text {

    private static final int SHOWN = 60;

    private Text() {
    }

    /** {@code 'name'}, cut to a readable length. */
    static String q(String s) {
        if (s == null) {
            return "null";
        }
        return "'" + (s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...") + "'";
    }

    /** A value as a person would write it in JSON. */
    static String value(Object v) {
        if (v instanceof String s) {
            return "\"" + (s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...") + "\"";
        }
        if (v instanceof BigDecimal d) {
            // toString, not toPlainString: 1E+999999999 must not expand to a billion digits
            return d.toString();
        }
        return String.valueOf(v);
    }

    static String list(Collection<String> names) {
        return list(names, 12);
    }

    static String list(Collection<String> names, int max) {
        return names.stream().limit(max).collect(Collectors.joining(", "))
                + (names.size() > max ? ", ..." : "");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
