package io.promoagent.example.app;

import io.promoagent.schema.AgentException;

/** A data folder ({@code serve --data-dir}) that cannot be used: in use by another process, damaged, unwritable. */
public final class DataFolderException extends AgentException {

    public DataFolderException(String message) {
        super(message);
    }
}
