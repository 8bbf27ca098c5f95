package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.Row;
import java.util.Iterator;
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
 * @param finish     turns the statement's rows, read as they are consumed, into the result's rows: either
 *                   one by one, or all of them first when the result needs them (an order in memory);
 *                   empty when each row is a result row as it comes
 * @param tables     the tables read
 * @param notes      what runs in memory, for the explanation
 */
record Compiled(Sql sql, List<Output> outputs, Optional<Function<Iterator<Map<String, Object>>, Iterator<Row>>> finish,
                List<String> tables, List<String> notes) {
}
