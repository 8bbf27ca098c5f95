package io.promoagent.test;

/**
 * A {@link ScriptedChatModel} received more requests than its script has turns.
 *
 * <p>An {@link AssertionError} rather than an exception on purpose: an orchestrator turns a model's
 * exceptions into error replies, which would let a test with a short script pass; an error passes through
 * those handlers and fails the test where the script ran out.
 */
public final class ScriptExhaustedError extends AssertionError {

    private static final long serialVersionUID = 1L;

    public ScriptExhaustedError(String message) {
        super(message);
    }
}
