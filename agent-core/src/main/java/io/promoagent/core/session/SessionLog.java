package io.promoagent.core.session;

import io.promoagent.core.reply.Block;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and extends conversations in a {@link SessionStore}, kept to a {@link ConversationMemory}: what every
 * orchestrator that answers a turn does, so that a later turn (answered by whichever orchestrator) sees it.
 * A store that fails is logged and the turn answered without memory: a conversation is a convenience, the
 * answer is not.
 */
public final class SessionLog {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    private final SessionStore store;
    private final ConversationMemory memory;
    private final Clock clock;

    public SessionLog(SessionStore store, ConversationMemory memory, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The conversation so far; an empty one when there is none or the store fails. */
    public Session load(String sessionId) {
        try {
            return store.find(sessionId).orElseGet(() -> Session.empty(sessionId, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warn("session {} could not be loaded; answering without memory", sessionId, e);
            return Session.empty(sessionId, clock.instant());
        }
    }

    /**
     * Adds a turn, the person's text and the answer's, to the conversation {@code session} and stores it, trimmed
     * to the memory. The turn is added to the stored state, not to {@code session} as it was loaded: what was
     * kept in between (a read held during the turn, another turn) is not overwritten.
     */
    public void append(Session session, String question, String answer) {
        try {
            store.update(session.id(), stored -> memory.trim(stored.orElse(session)
                    .append(clock.instant(), SessionMessage.user(question), SessionMessage.assistant(answer))));
        } catch (RuntimeException e) {
            LOG.warn("session {} could not be saved", session.id(), e);
        }
    }

    /** Adds a turn to the stored conversation {@code sessionId}. */
    public void append(String sessionId, String question, String answer) {
        append(load(sessionId), question, answer);
    }

    /**
     * Remembers {@code block}, a proposal ({@code ApprovalBlock}) or a dry run ({@code PreviewBlock}), as the
     * conversation's last preview, for a what-if in a later turn.
     */
    public void rememberPreview(String sessionId, Block block) {
        try {
            store.update(sessionId, stored -> stored.orElseGet(() -> Session.empty(sessionId, clock.instant()))
                    .withLastPreview(block));
        } catch (RuntimeException e) {
            LOG.warn("session {} could not be saved", sessionId, e);
        }
    }

    /** The conversation's last proposal or dry run; empty when there is none or the store fails. */
    public Optional<Block> lastPreview(String sessionId) {
        return load(sessionId).lastPreview();
    }

    /** What of the conversation fits the memory, oldest first. */
    public java.util.List<SessionMessage> window(Session session) {
        return memory.window(session.messages());
    }
}
