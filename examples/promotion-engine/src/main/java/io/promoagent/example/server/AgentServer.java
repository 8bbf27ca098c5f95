package io.promoagent.example.server;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsContext;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.security.Principal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's web server: the page at {@code /}, the WebSocket endpoint {@code /agent}, the
 * page's read-only views {@code /api/approvals}, {@code /api/audit} (paged), {@code /api/outbox} and
 * {@code /api/demo-users} (names and roles), the page's sign-in {@code POST /api/sign-in}, and the decisions
 * {@code POST /api/approvals/{id}/approve} and {@code .../reject} that the command line uses.
 *
 * <p>Only the pages and host names of its {@link EndpointPolicy} get in; API keys come in a header or the
 * first WebSocket message, never in the URL. Refusals of anonymous requests are audited a few at a time and
 * summarised ({@link RefusalThrottle}); a connection that keeps being refused, sends faster than it is
 * answered or stops reading is closed with a reason.
 *
 * <p>Each connection's messages are handled one after another, in the order they came, on a shared pool
 * of workers, so that a slow request (a language model's answer) never holds up Jetty's threads or
 * another connection.
 */
public final class AgentServer implements AutoCloseable {

    /** Where the page's files live on the class path. */
    public static final String WEB_RESOURCES = "/io/promoagent/example/web";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:;"
            + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** Roles that may see contact details (e-mail addresses), as in the tool policy. */
    private static final Set<String> CONTACT_ROLES = Set.of("marketer", "approver", "admin");

    /** How many of one connection's messages may wait to be handled; past it the connection is closed. */
    static final int QUEUED_MESSAGES = 64;
    /** How long a message to a client may take to go out; a client that does not read is closed. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** The window of the refusal summaries, the refusals audited one by one in it, and when a connection is closed. */
    static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
    static final int REFUSALS_AUDITED = 10;
    static final int REFUSALS_BEFORE_CLOSE = 20;
    /** The page size of {@code /api/audit}, unless asked for another, and the largest. */
    static final int AUDIT_PAGE = 100;
    static final int AUDIT_PAGE_MAX = 1000;

    private final AgentBackend backend;
    private final AgentProtocol protocol;
    private final EndpointPolicy policy;
    private final RefusalThrottle refusals;
    private final ExecutorService workers;
    private final ScheduledExecutorService summaries;
    private final Map<String, WsConnection> connections = new ConcurrentHashMap<>();
    private final Javalin app;

    private AgentServer(AgentBackend backend, int workerThreads, EndpointPolicy policy) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.refusals = new RefusalThrottle(backend, Clock.systemUTC(), REFUSAL_WINDOW, REFUSALS_AUDITED, REFUSALS_BEFORE_CLOSE);
        this.protocol = new AgentProtocol(backend, new InMemorySessionDirectory(), (state, principal, request, code, message) ->
                refusals.refused(state.connectionId(), address(state.connectionId()), principal, state.sessionId(), request, code, message));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread t = new Thread(r, "agent-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.summaries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-refusal-summaries");
            t.setDaemon(true);
            return t;
        });
        summaries.scheduleAtFixedRate(refusals::tick, REFUSAL_WINDOW.toSeconds(), REFUSAL_WINDOW.toSeconds() / 4 + 1, TimeUnit.SECONDS);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = WEB_RESOURCES;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
                        "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache", "Referrer-Policy", "no-referrer");
            });
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(ClientMessage.MAX_MESSAGE_CHARS * 4L);
                factory.setIdleTimeout(Duration.ofMinutes(30));
            });
            // every request, the page's files and the WebSocket upgrade included: the right Host and Origin,
            // and no key in the URL
            config.routes.before(this::guard);
            config.routes.wsBeforeUpgrade("/agent", this::guard);
            config.routes.exception(Refused.class, (e, ctx) -> {
                // a refused WebSocket upgrade answers without a body: the reason is in a header as well
                ctx.header("X-Refused", (e.code + ": " + e.getMessage()).replaceAll("[^\\x20-\\x7e]", "?"));
                error(ctx, e.status, e.code, e.getMessage());
            });
            config.routes.get("/api/demo-users", ctx -> json(ctx, ApiViews.demoUsers(backend.demoUsers(), false,
                    backend.dataAsOf())));
            config.routes.post("/api/sign-in", this::signIn);
            config.routes.get("/api/approvals", ctx -> signedIn(ctx).ifPresent(p -> json(ctx,
                    ApiViews.approvals(backend.approvals(), seesContacts(p)))));
            config.routes.get("/api/audit", ctx -> signedIn(ctx).ifPresent(p -> audit(ctx)));
            config.routes.get("/api/approvals/{id}", ctx -> signedIn(ctx).ifPresent(p -> approval(ctx, p)));
            config.routes.post("/api/change-sets/{id}/rollback", this::rollback);
            config.routes.post("/api/approvals/{id}/approve", ctx -> decide(ctx, true));
            config.routes.post("/api/approvals/{id}/reject", ctx -> decide(ctx, false));
            config.routes.get("/api/outbox", ctx -> signedIn(ctx).ifPresent(p -> {
                if (!seesContacts(p)) {
                    String why = p.id() + " may not see e-mail addresses";
                    backend.refused(Optional.of(p), "http", "GET /api/outbox", "denied", why);
                    error(ctx, 403, "denied", why);
                    return;
                }
                json(ctx, ApiViews.outbox(backend.outbox()));
            }));
            config.routes.ws("/agent", ws -> {
                ws.onConnect(ctx -> {
                    WsConnection connection = new WsConnection(ctx);
                    connections.put(ctx.sessionId(), connection);
                    Optional<String> key = bearer(ctx.header("Authorization"));
                    connection.submit(() -> connection.state = protocol.open(ctx.sessionId(), key, connection));
                });
                ws.onMessage(ctx -> {
                    WsConnection connection = connections.get(ctx.sessionId());
                    String text = ctx.message();
                    if (connection != null) {
                        connection.submit(() -> connection.state = protocol.handle(connection.state, text, connection));
                    }
                });
                ws.onClose(ctx -> forget(ctx.sessionId()));
                ws.onError(ctx -> forget(ctx.sessionId()));
            });
        });
    }

    /**
     * Starts a server.
     *
     * @param host the address to listen on ({@code 127.0.0.1}, or {@code 0.0.0.0} for every interface)
     * @param port the port, or 0 for any free one
     */
    public static AgentServer start(AgentBackend backend, String host, int port) {
        return start(backend, host, port, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }

    /** Starts a server whose requests run on {@code workerThreads} threads. */
    public static AgentServer start(AgentBackend backend, String host, int port, int workerThreads) {
        return start(backend, host, port, workerThreads, EndpointPolicy.local());
    }

    /** Starts a server that lets in the pages and host names of {@code policy}. */
    public static AgentServer start(AgentBackend backend, String host, int port, int workerThreads, EndpointPolicy policy) {
        AgentServer server = new AgentServer(backend, workerThreads, policy);
        server.app.start(host, port);
        return server;
    }

    /** Starts a server on the usual number of workers that lets in the pages and host names of {@code policy}. */
    public static AgentServer start(AgentBackend backend, String host, int port, EndpointPolicy policy) {
        return start(backend, host, port, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), policy);
    }

    public int port() {
        return app.port();
    }

    /** The page's address on the loopback interface. */
    public URI uri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    /** How many WebSocket connections are open. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        app.stop();
        summaries.shutdownNow();
        refusals.flush();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Refuses a request that reaches the server under a foreign name, comes from a page of another origin,
     * or carries an API key in its URL (where logs, the history and the Referer keep it).
     */
    private void guard(Context ctx) {
        Optional<String> refusal = policy.refusal(ctx.header("Host"), ctx.header("Origin"));
        if (refusal.isPresent()) {
            refuse(ctx, 403, "forbidden_origin", refusal.get());
        }
        if (ctx.queryParam("key") != null) {
            refuse(ctx, 400, "key_in_url", "API keys are not accepted in the URL, where logs keep them: send the header"
                    + " Authorization: Bearer KEY, or {\"type\":\"auth\",\"key\":\"...\"} as the first WebSocket message");
        }
    }

    private void refuse(Context ctx, int status, String code, String why) {
        refusals.refused(RefusalThrottle.HTTP, ctx.ip(), Optional.empty(), "http", request(ctx), code, why);
        throw new Refused(status, code, why);
    }

    /** A request refused before any handler, answered as JSON by the exception handler. */
    private static final class Refused extends RuntimeException {
        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * The demo users with their keys, for the page of the person who started the server: it presents the
     * secret of the sign-in link (in a header, from the link's fragment, which no server log sees).
     */
    private void signIn(Context ctx) {
        Optional<String> secret = bearer(ctx.header("Authorization"));
        if (secret.isEmpty() || !backend.signsIn(secret.get())) {
            String why = secret.isEmpty() ? "the sign-in secret is required (Authorization: Bearer SECRET)"
                    : "the sign-in secret is not known: open the link promo-agent serve printed";
            refusals.refused(RefusalThrottle.HTTP, ctx.ip(), Optional.empty(), "http", request(ctx), ProtocolException.UNAUTHENTICATED, why);
            error(ctx, 401, ProtocolException.UNAUTHENTICATED, why);
            return;
        }
        json(ctx, ApiViews.demoUsers(backend.demoUsers(), true, backend.dataAsOf()));
    }

    /** A page of the audit chain: {@code from} (a sequence number; the newest page without it) and {@code limit}. */
    private void audit(Context ctx) {
        long head = backend.auditHead();
        int limit;
        long from;
        try {
            limit = (int) number(ctx, "limit", AUDIT_PAGE, 1, AUDIT_PAGE_MAX);
            from = number(ctx, "from", Math.max(1, head - limit + 1), 1, Long.MAX_VALUE);
        } catch (ProtocolException e) {
            error(ctx, 400, e.code(), e.getMessage());
            return;
        }
        json(ctx, ApiViews.audit(backend.auditRecords(from, limit), backend.verifyAudit(), head, from, limit));
    }

    private static long number(Context ctx, String name, long defaultValue, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(),
                "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    private Optional<Principal> signedIn(Context ctx) {
        Optional<String> key = bearer(ctx.header("Authorization"));
        Optional<Principal> principal = key.flatMap(backend::authenticate);
        if (principal.isEmpty()) {
            String why = key.isEmpty() ? "an API key is required (Authorization: Bearer KEY)" : "the API key is not known";
            refusals.refused(RefusalThrottle.HTTP, ctx.ip(), Optional.empty(), "http", request(ctx), ProtocolException.UNAUTHENTICATED, why);
            error(ctx, 401, ProtocolException.UNAUTHENTICATED, why);
        }
        return principal;
    }

    private void forget(String connectionId) {
        connections.remove(connectionId);
        refusals.forget(connectionId);
    }

    /** The address a connection came from, for the refusal summaries. */
    private String address(String connectionId) {
        WsConnection connection = connections.get(connectionId);
        if (connection != null && connection.ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress a) {
            return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /**
     * Approves or rejects over HTTP through the same backend call as the WebSocket's {@code approve} and
     * {@code reject}, so the approval service's checks and audit are the same; the body is the same reply.
     */
    private void decide(Context ctx, boolean approve) {
        // the key only in the Authorization header: a form on another site can send no header
        Optional<Principal> principal = signedIn(ctx);
        if (principal.isEmpty()) {
            return;
        }
        String approvalId = ctx.pathParam("id");
        String reason;
        try {
            if (approvalId.length() > ClientMessage.MAX_APPROVAL_ID_CHARS) {
                throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(),
                        "an approval id has at most " + ClientMessage.MAX_APPROVAL_ID_CHARS + " characters");
            }
            reason = HttpDecisions.reason(ctx.body());
        } catch (ProtocolException e) {
            error(ctx, 400, e.code(), e.getMessage());
            return;
        }
        Reply reply = approve
                ? backend.approve(principal.get(), approvalId, reason)
                : backend.reject(principal.get(), approvalId, reason);
        ctx.status(HttpDecisions.status(reply));
        json(ctx, ReplyJson.write(reply));
    }

    /** One approval by its id or a unique prefix of at least 8 characters: 404 when none, 400 when ambiguous. */
    private void approval(Context ctx, Principal p) {
        String id = ctx.pathParam("id");
        if (id.length() > ClientMessage.MAX_APPROVAL_ID_CHARS) {
            error(ctx, 400, ProtocolException.BAD_REQUEST, "an approval id has at most " + ClientMessage.MAX_APPROVAL_ID_CHARS
                    + " characters");
            return;
        }
        try {
            Optional<ApprovalRecord> found = backend.approval(id);
            if (found.isEmpty()) {
                error(ctx, 404, ApprovalException.UNKNOWN_APPROVAL, "no approval has the id " + id);
                return;
            }
            json(ctx, ApiViews.approval(found.get(), seesContacts(p)));
        } catch (ApprovalException e) {
            error(ctx, 400, e.code(), e.getMessage());
        }
    }

    /**
     * Proposes the rollback of an applied change set (by its id, its approval's id, or a unique prefix of
     * either) through the same backend call as the WebSocket's {@code rollback}; the body is the reply.
     */
    private void rollback(Context ctx) {
        Optional<Principal> principal = signedIn(ctx);
        if (principal.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("id");
        if (id.length() > ClientMessage.MAX_APPROVAL_ID_CHARS) {
            error(ctx, 400, ProtocolException.BAD_REQUEST, "a change set id has at most " + ClientMessage.MAX_APPROVAL_ID_CHARS
                    + " characters");
            return;
        }
        Reply reply = backend.rollback(principal.get(), id);
        ctx.status(HttpDecisions.status(reply));
        json(ctx, ReplyJson.write(reply));
    }

    private static String request(Context ctx) {
        return ctx.method().name() + " " + ctx.path();
    }

    private static boolean seesContacts(Principal p) {
        return p.roles().stream().anyMatch(CONTACT_ROLES::contains);
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim()).filter(k -> !k.isEmpty());
    }

    private static void json(Context ctx, String body) {
        ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/json").result(body);
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status);
        json(ctx, ServerMessages.error(Optional.empty(), code, message));
    }

    /** One WebSocket connection: its state, and a queue that runs its messages in order on the workers. */
    private final class WsConnection implements Outbound {
        private final WsContext ctx;
        private final SerialQueue queue = new SerialQueue(workers, QUEUED_MESSAGES);
        private volatile ConnectionState state;

        WsConnection(WsContext ctx) {
            this.ctx = ctx;
        }

        void submit(Runnable task) {
            if (!queue.submit(task)) {
                close("more than " + QUEUED_MESSAGES + " messages waiting: send the next after an answer");
            }
        }

        @Override
        public void close(String reason) {
            // 1008: policy violation; the reason is what a client shows
            ctx.closeSession(1008, reason);
        }

        @Override
        public void send(String json) {
            // one message in flight per connection: Jetty's asynchronous send is awaited before the next
            synchronized (this) {
                if (!ctx.session.isOpen()) {
                    return;
                }
                org.eclipse.jetty.websocket.api.Callback.Completable sent = new org.eclipse.jetty.websocket.api.Callback.Completable();
                ctx.session.sendText(json, sent);
                try {
                    sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (TimeoutException e) {
                    // nothing more is queued for a client that does not read: it is closed instead
                    close("the client did not read its messages for " + SEND_TIMEOUT.toSeconds() + " s");
                } catch (Exception e) {
                    // the peer went away; the close handler forgets the connection
                }
            }
        }
    }
}
