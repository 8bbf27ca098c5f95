package io.promoagent.core.reply;

import java.time.Instant;
import java.util.Objects;

/**
 * A read that was not run because its estimate is over the budget: what it would read, in words, and the
 * handle with which the person (never a model) confirms it on the page or the command line.
 *
 * @param handle    names the held read in a confirmation; good once, for the person and conversation that
 *                  asked, until {@code expiresAt}
 * @param entity    the entity the read asks for
 * @param reason    why it asks, in words ("it scans the whole customers table ...")
 * @param estimate  the estimate in words, one source call a line
 * @param summary   the estimate in one sentence
 * @param expiresAt when the handle stops being good
 */
public record HeldReadBlock(String handle, String entity, String reason, String estimate, String summary,
                            Instant expiresAt) implements Block {

    public HeldReadBlock {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
