package io.promoagent.jdbc;

import java.util.Locale;

/**
 * How the data model's table and field names become the database's names, for those the mapping does not
 * name one by one ({@link JdbcDataSource.Builder#column}).
 */
public enum NamingStrategy {

    /** The model's names as they are: {@code total_spent} is column {@code total_spent}. */
    AS_IS,

    /** Lower snake case: {@code totalSpent} and {@code TotalSpent} are column {@code total_spent}, a dash an underscore. */
    SNAKE_CASE;

    /** The database name of a model name. */
    public String apply(String name) {
        if (this == AS_IS) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && out.length() > 0 && out.charAt(out.length() - 1) != '_'
                        && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                        || i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1)))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ') {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
