package io.promoagent.example.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsContext;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.security.Principal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's web server: the page at {@code /}, the WebSocket endpoint {@code /agent}, the
 * page's read-only views {@code /api/approvals}, {@code /api/audit}, {@code /api/outbox} and
 * {@code /api/demo-users}, and the decisions {@code POST /api/approvals/{id}/approve} and {@code .../reject}
 * that the command line uses.
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

    private final AgentBackend backend;
    private final AgentProtocol protocol;
    private final ExecutorService workers;
    private final Map<String, WsConnection> connections = new ConcurrentHashMap<>();
    private final Javalin app;

    private AgentServer(AgentBackend backend, int workerThreads) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.protocol = new AgentProtocol(backend, new InMemorySessionDirectory());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread t = new Thread(r, "agent-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = WEB_RESOURCES;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
                        "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
            });
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(ClientMessage.MAX_MESSAGE_CHARS * 4L);
                factory.setIdleTimeout(Duration.ofMinutes(30));
            });
            config.routes.get("/api/demo-users", ctx -> json(ctx, ApiViews.demoUsers(backend.demoUsers())));
            config.routes.get("/api/approvals", ctx -> signedIn(ctx).ifPresent(p -> json(ctx,
                    ApiViews.approvals(backend.approvals(), seesContacts(p)))));
            config.routes.get("/api/audit", ctx -> signedIn(ctx).ifPresent(p -> json(ctx,
                    ApiViews.audit(backend.auditRecords(), backend.verifyAudit()))));
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
                    connection.submit(() -> connection.state = protocol.open(ctx.sessionId(), keyOf(ctx), connection));
                });
                ws.onMessage(ctx -> {
                    WsConnection connection = connections.get(ctx.sessionId());
                    String text = ctx.message();
                    if (connection != null) {
                        connection.submit(() -> connection.state = protocol.handle(connection.state, text, connection));
                    }
                });
                ws.onClose(ctx -> connections.remove(ctx.sessionId()));
                ws.onError(ctx -> connections.remove(ctx.sessionId()));
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
        AgentServer server = new AgentServer(backend, workerThreads);
        server.app.start(host, port);
        return server;
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
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Principal> signedIn(Context ctx) {
        return signedIn(ctx, bearer(ctx.header("Authorization")).or(() -> Optional.ofNullable(ctx.queryParam("key"))));
    }

    private Optional<Principal> signedIn(Context ctx, Optional<String> key) {
        Optional<Principal> principal = key.flatMap(backend::authenticate);
        if (principal.isEmpty()) {
            String why = key.isEmpty() ? "an API key is required (Authorization: Bearer KEY)" : "the API key is not known";
            backend.refused(Optional.empty(), "http", request(ctx), ProtocolException.UNAUTHENTICATED, why);
            error(ctx, 401, ProtocolException.UNAUTHENTICATED, why);
        }
        return principal;
    }

    /**
     * Approves or rejects over HTTP through the same backend call as the WebSocket's {@code approve} and
     * {@code reject}, so the approval service's checks and audit are the same; the body is the same reply.
     */
    private void decide(Context ctx, boolean approve) {
        // the key only in the Authorization header: a form on another site can send ?key= but no header
        Optional<Principal> principal = signedIn(ctx, bearer(ctx.header("Authorization")));
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

    private static String request(Context ctx) {
        return ctx.method().name() + " " + ctx.path();
    }

    private static boolean seesContacts(Principal p) {
        return p.roles().stream().anyMatch(CONTACT_ROLES::contains);
    }

    private static Optional<String> keyOf(WsContext ctx) {
        return Optional.ofNullable(ctx.queryParam("key")).filter(k -> !k.isBlank())
                .or(() -> bearer(ctx.header("Authorization")));
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
        private final SerialQueue queue = new SerialQueue(workers);
        private volatile ConnectionState state;

        WsConnection(WsContext ctx) {
            this.ctx = ctx;
        }

        void submit(Runnable task) {
            queue.submit(task);
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
                    sent.get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // the peer went away or stopped reading; the close handler forgets the connection
                }
            }
        }
    }
}
