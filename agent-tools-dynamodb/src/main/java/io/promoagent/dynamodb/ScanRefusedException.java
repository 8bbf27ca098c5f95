package io.promoagent.dynamodb;

import io.promoagent.schema.source.DataSourceException;

/** A query that only a table scan could serve, while the {@link ScanPolicy} refuses scans. */
public class ScanRefusedException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    public ScanRefusedException(String message) {
        super(message);
    }
}
