package io.promoagent.schema.model;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.validate.QueryError;
import java.util.List;

/**
 * Checks the predicate of a rule or measure as thoroughly as a query's filter (names, operators, value
 * types, enum values, time ranges, referenced rules), so that a model with a wrong predicate fails to load
 * rather than a query failing later.
 */
final class RuleCheck {

    private RuleCheck() {
    }

    /**
     * @throws DataModelException at the path of the first error, if the predicate does not fit the model
     */
    static void check(DataModel model, String entity, Filter filter, String path) {
        fail(QueryValidator.of(model).checkFilter(entity, filter, path));
    }

    /** As {@link #check}, for a rule's predicate, which may also test computed values. */
    static void checkRule(DataModel model, String entity, Filter filter, String path) {
        fail(QueryValidator.of(model).checkRule(entity, filter, path));
    }

    private static void fail(List<QueryError> errors) {
        if (!errors.isEmpty()) {
            QueryError first = errors.get(0);
            String message = first.suggestions().isEmpty() ? first.message()
                    : first.message() + " (did you mean " + String.join(", ", first.suggestions()) + "?)";
            throw new DataModelException(first.path(), message);
        }
    }
}
