package io.promoagent.core.change;

import io.promoagent.core.ToolException;

/**
 * A write tool's {@code apply} found that the world no longer allows the change exactly as it was
 * previewed — a record, an address, a rendered message or a promotion differs, or an invariant of the tool
 * (a unique code, a lifecycle rule) would break — and refused it before doing anything: nothing was
 * written and nothing was sent.
 *
 * <p>This is how a tool keeps the rule that what apply does is exactly what was previewed, or nothing. The
 * approval service reports it as a {@code stale} refusal. The message says why, in one sentence, and holds no
 * value the model may not see (name records by their key, never by an address).
 */
public class StaleChangeException extends ToolException {

    private static final long serialVersionUID = 1L;

    public StaleChangeException(String message) {
        super(message);
    }
}
