package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.DataSourceException;

/**
 * DynamoDB cancelled the change set's transaction because another request was writing one of its items at
 * the same time. Nothing was written; applying it again (with the same token) is safe.
 */
public class TransactionConflictException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
