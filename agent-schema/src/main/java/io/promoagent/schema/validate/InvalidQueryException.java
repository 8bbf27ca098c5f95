package io.promoagent.schema.validate;

import io.promoagent.schema.AgentException;
import java.util.List;
import java.util.stream.Collectors;

/** A query that cannot be read or that does not fit the data model, with every error found. */
public class InvalidQueryException extends AgentException {

    private static final long serialVersionUID = 1L;

    private final transient List<QueryError> errors;

    public InvalidQueryException(List<QueryError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid query has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidQueryException(QueryError error) {
        this(List.of(error));
    }

    /** Every error found, in document order. */
    public List<QueryError> errors() {
        return errors;
    }

    private static String describe(List<QueryError> errors) {
        return errors.stream().map(QueryError::toString).collect(Collectors.joining("; "));
    }
}
