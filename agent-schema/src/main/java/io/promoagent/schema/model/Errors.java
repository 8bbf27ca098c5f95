package io.promoagent.schema.model;

import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.QueryError;
import java.util.ArrayList;
import java.util.List;

/** The errors found so far, in document order, capped so that a huge query cannot flood the caller. */
final class Errors {

    /** More errors than this are summarised in one last error. */
    static final int MAX = 100;

    private final List<QueryError> list = new ArrayList<>();
    private boolean overflowed;

    void add(ErrorCode code, String path, String message, List<String> suggestions) {
        add(new QueryError(code, path, message, suggestions));
    }

    void add(ErrorCode code, String path, String message) {
        add(new QueryError(code, path, message, List.of()));
    }

    void add(QueryError error) {
        if (list.size() < MAX) {
            list.add(error);
        } else if (!overflowed) {
            overflowed = true;
            list.add(QueryError.of(ErrorCode.TOO_MANY_ITEMS, "$",
                    "more than " + MAX + " errors were found; the rest are not reported"));
        }
    }

    int size() {
        return list.size();
    }

    boolean isFull() {
        return overflowed;
    }

    List<QueryError> list() {
        return List.copyOf(list);
    }
}
