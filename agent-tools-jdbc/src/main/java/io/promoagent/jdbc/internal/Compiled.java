package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One compiled SQL statement: its text and parameters, the columns it selects, what the database works out
 * and what is left to do on its rows in memory (an aggregate query's averages and measure arithmetic, and
 * then its having, order and limit when they name those).
 *
 * @param sql        the statement
 * @param outputs    the columns selected, in order
 * @param finish     turns all the statement's rows into the result's rows, when the result needs all of
 *                   them first; empty when each row is a result row as it comes
 * @param tables     the tables read
 * @param notes      what runs in memory, for the explanation
 */
record Compiled(Sql sql, List<Output> outputs, Optional<Function<List<Map<String, Object>>, List<Row>>> finish,
                List<String> tables, List<String> notes) {
}
