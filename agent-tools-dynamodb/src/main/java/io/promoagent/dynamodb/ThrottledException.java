package io.promoagent.dynamodb;

import io.promoagent.schema.source.DataSourceException;

/**
 * DynamoDB kept throttling a request (or leaving batch items unprocessed) after every retry allowed; the
 * operation did not complete and may be tried again later.
 */
public class ThrottledException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    public ThrottledException(String message) {
        super(message);
    }

    public ThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
