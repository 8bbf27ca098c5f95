package io.promoagent.example.cli;

/** Thrown when a command line cannot be understood; its message says what is wrong in one line. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
