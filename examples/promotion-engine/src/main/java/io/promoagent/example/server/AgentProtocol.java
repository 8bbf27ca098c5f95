package io.promoagent.example.server;

import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /agent} protocol, apart from any transport: reads a client's message, checks who is signed in,
 * calls the application and sends progress, the reply or an error. The WebSocket server and the Lambda
 * handler both run it; they keep the {@link ConnectionState} between messages.
 *
 * <p>Requests from a connection that is not signed in are refused with an {@code unauthenticated} error and
 * audited. What a signed-in person may do is decided further in: the tool policy refuses a marketer's
 * approval, the approval service an approver's own proposal, each audited there.
 */
public final class AgentProtocol {

    private static final Logger LOG = Logger.getLogger(AgentProtocol.class.getName());
    static final String TOO_MANY_REFUSALS = "too many refused requests on this connection";

    private final AgentBackend backend;
    private final SessionDirectory sessions;
    private final Supplier<String> sessionIds;
    private final Refusals refusals;

    /**
     * Where the protocol's refusals go: audited one by one, or counted ({@link RefusalThrottle}).
     */
    @FunctionalInterface
    public interface Refusals {
        /**
         * Records a refusal on a connection.
         *
         * @return whether the connection may stay open; false for one that keeps failing
         */
        boolean refused(ConnectionState state, Optional<Principal> principal, String request, String code, String message);
    }

    /** A protocol that audits every refusal one by one. */
    public AgentProtocol(AgentBackend backend, SessionDirectory sessions) {
        this(backend, sessions, () -> UUID.randomUUID().toString(), everyOne(backend));
    }

    /** A protocol whose refusals go to {@code refusals}. */
    public AgentProtocol(AgentBackend backend, SessionDirectory sessions, Refusals refusals) {
        this(backend, sessions, () -> UUID.randomUUID().toString(), refusals);
    }

    AgentProtocol(AgentBackend backend, SessionDirectory sessions, Supplier<String> sessionIds) {
        this(backend, sessions, sessionIds, everyOne(backend));
    }

    private AgentProtocol(AgentBackend backend, SessionDirectory sessions, Supplier<String> sessionIds, Refusals refusals) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sessionIds = Objects.requireNonNull(sessionIds, "sessionIds");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    private static Refusals everyOne(AgentBackend backend) {
        return (state, principal, request, code, message) -> {
            backend.refused(principal, state.sessionId(), request, code, message);
            return true;
        };
    }

    /**
     * A new connection: a fresh conversation, signed in at once when the client gave a key on connect
     * (the WebSocket server takes it from {@code Authorization: Bearer}, never from the URL).
     */
    public ConnectionState open(String connectionId, Optional<String> key, Outbound out) {
        ConnectionState state = new ConnectionState(connectionId, sessionIds.get(), Optional.empty());
        out.send(ServerMessages.welcome(state.sessionId()));
        return key.isPresent() ? signIn(state, key.get(), out) : state;
    }

    /** Handles one message and returns the connection's state after it. */
    public ConnectionState handle(ConnectionState state, String text, Outbound out) {
        ClientMessage message;
        try {
            message = ClientMessage.parse(text, ServerMessages.mapper());
        } catch (ProtocolException e) {
            out.send(ServerMessages.error(e.requestId(), e.code(), e.getMessage()));
            return state;
        }
        if (message instanceof ClientMessage.Auth auth) {
            return signIn(state, auth.key(), out);
        }
        if (message instanceof ClientMessage.Ping ping) {
            out.send(ServerMessages.pong(ping.id()));
            return state;
        }
        if (state.principal().isEmpty()) {
            String what = type(message);
            String why = "sign in first: send {\"type\":\"auth\",\"key\":\"...\"} or connect with Authorization: Bearer KEY";
            out.send(ServerMessages.error(message.requestId(), ProtocolException.UNAUTHENTICATED, why));
            if (!refusals.refused(state, Optional.empty(), what, ProtocolException.UNAUTHENTICATED, why)) {
                out.close(TOO_MANY_REFUSALS);
            }
            return state;
        }
        Principal principal = state.principal().get();
        if (message instanceof ClientMessage.Hello hello) {
            boolean resumed = sessions.claim(hello.sessionId(), principal.id());
            ConnectionState next = resumed ? state.withSession(hello.sessionId()) : state;
            out.send(ServerMessages.session(next.sessionId(), resumed));
            return next;
        }
        String id = message.requestId().orElseThrow();
        Reply reply;
        try {
            reply = answer(message, principal, state.sessionId(), id, out);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + id + " failed", e);
            out.send(ServerMessages.error(Optional.of(id), "internal", "the request could not be answered: "
                    + e.getClass().getSimpleName()));
            return state;
        }
        out.send(ServerMessages.reply(id, reply));
        return state;
    }

    private Reply answer(ClientMessage message, Principal principal, String sessionId, String id, Outbound out) {
        if (message instanceof ClientMessage.Ask ask) {
            return backend.ask(principal, sessionId, ask.text(), p -> out.send(ServerMessages.progress(id, p)));
        }
        if (message instanceof ClientMessage.Decide decide) {
            return decide.approve()
                    ? backend.approve(principal, decide.approvalId(), decide.reason())
                    : backend.reject(principal, decide.approvalId(), decide.reason());
        }
        if (message instanceof ClientMessage.Rollback rollback) {
            return backend.rollback(principal, rollback.changeSetId());
        }
        if (message instanceof ClientMessage.ConfirmRead confirm) {
            // the person's own message on their connection: the only way a held read runs
            return backend.confirmRead(principal, sessionId, confirm.handle());
        }
        if (message instanceof ClientMessage.Explain explain) {
            return backend.explainQuery(principal, sessionId, explain.query());
        }
        if (message instanceof ClientMessage.ExplainReads explain) {
            return backend.explainReads(principal, sessionId, explain.reads());
        }
        throw new IllegalStateException("unhandled message " + message);
    }

    private ConnectionState signIn(ConnectionState state, String key, Outbound out) {
        Optional<Principal> principal = backend.authenticate(key);
        if (principal.isEmpty()) {
            String why = "the API key is not known";
            out.send(ServerMessages.error(Optional.empty(), ProtocolException.UNAUTHENTICATED, why));
            if (!refusals.refused(state, Optional.empty(), "auth", ProtocolException.UNAUTHENTICATED, why)) {
                out.close(TOO_MANY_REFUSALS);
            }
            // a failed sign-in signs the connection out: it must not keep acting as someone else
            return new ConnectionState(state.connectionId(), state.sessionId(), Optional.empty());
        }
        String sessionId = state.sessionId();
        if (!sessions.claim(sessionId, principal.get().id())) {
            // the conversation belongs to whoever signed in on this connection before: start a new one
            sessionId = sessionIds.get();
            sessions.claim(sessionId, principal.get().id());
        }
        out.send(ServerMessages.authenticated(principal.get(), sessionId));
        return state.withSession(sessionId).withPrincipal(principal.get());
    }

    private static String type(ClientMessage message) {
        if (message instanceof ClientMessage.Ask) {
            return "ask";
        }
        if (message instanceof ClientMessage.Decide d) {
            return d.approve() ? "approve" : "reject";
        }
        if (message instanceof ClientMessage.Rollback) {
            return "rollback";
        }
        if (message instanceof ClientMessage.ConfirmRead) {
            return "confirm_read";
        }
        if (message instanceof ClientMessage.Explain || message instanceof ClientMessage.ExplainReads) {
            return "explain";
        }
        return "hello";
    }
}
