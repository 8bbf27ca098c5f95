package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.DataSourceException;

/**
 * A change set beyond what one DynamoDB transaction can write atomically (100 items, 4 MB), refused
 * before anything was written: split it into change sets that are each approved.
 */
public class ChangeSetTooLargeException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    public ChangeSetTooLargeException(String message) {
        super(message);
    }
}
