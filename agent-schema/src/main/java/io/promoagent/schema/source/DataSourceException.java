package io.promoagent.schema.source;

import io.promoagent.schema.AgentException;

/** A data source that cannot serve a query, or that failed while serving it. */
public class DataSourceException extends AgentException {

    private static final long serialVersionUID = 1L;

    public DataSourceException(String message) {
        super(message);
    }

    public DataSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
