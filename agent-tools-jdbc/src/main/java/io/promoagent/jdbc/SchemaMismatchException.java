package io.promoagent.jdbc;

import io.promoagent.schema.source.DataSourceException;
import java.util.List;

/**
 * The data model names a table or column the database lacks; thrown when a {@link JdbcDataSource} is built,
 * so that a mistake in the mapping shows at start-up rather than in the first query that needs it.
 */
public class SchemaMismatchException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SchemaMismatchException(List<String> problems) {
        super("the data model does not match the database: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per missing table or column, each with the nearest names the database has. */
    public List<String> problems() {
        return problems;
    }
}
