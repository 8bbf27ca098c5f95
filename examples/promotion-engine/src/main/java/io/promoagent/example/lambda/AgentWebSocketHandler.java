package io.promoagent.example.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.example.server.AgentBackend;
import io.promoagent.example.server.AgentProtocol;
import io.promoagent.example.server.ConnectionState;
import io.promoagent.example.server.EndpointPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The {@code /agent} protocol on AWS Lambda behind an API Gateway WebSocket API: {@code $connect} opens a
 * connection (refused with 401 for an unknown key, 400 for a key in the URL, 403 for a page of an origin
 * not allowed; each audited), {@code $default} handles one client message and posts
 * progress and the reply back through the API Gateway Management API, {@code $disconnect} forgets the
 * connection. Nothing lives in the function between invocations but caches: connection state and session
 * owners are in DynamoDB ({@link DynamoDbConnections}), approvals, the audit chain and conversations in the
 * engine's DynamoDB stores, so any instance can serve any message.
 *
 * <p>API Gateway does not let a function post to a connection before {@code $connect} returns, so what the
 * protocol says on connect (the {@code welcome}, and {@code authenticated} for a key given on connect) is
 * kept with the connection and posted just before the answer to the client's first message.
 */
public final class AgentWebSocketHandler implements RequestStreamHandler {

    /**
     * What the handler runs against: the application, where connections are kept, which web pages may
     * connect (normal form of {@link io.promoagent.example.server.EndpointPolicy#origin}; empty, none: only
     * clients that send no {@code Origin}), and how to reach clients.
     */
    public record Deployment(AgentBackend backend, DynamoDbConnections connections, Set<String> allowedOrigins,
                             Function<URI, ApiGatewayManagementApiClient> managementApi) {
        public Deployment {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(connections, "connections");
            allowedOrigins = Set.copyOf(allowedOrigins);
            Objects.requireNonNull(managementApi, "managementApi");
        }
    }

    static final String KEY_IN_URL = "key_in_url";
    static final String FORBIDDEN_ORIGIN = "forbidden_origin";
    private static final Logger LOG = Logger.getLogger(AgentWebSocketHandler.class.getName());

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile Deployment fromEnvironment;

    private final Deployment deployment;
    private final AgentProtocol protocol;
    private final Map<URI, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();

    /** The handler Lambda instantiates: the deployment from the environment, built once per container. */
    public AgentWebSocketHandler() {
        this(environment());
    }

    public AgentWebSocketHandler(Deployment deployment) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.protocol = new AgentProtocol(deployment.backend(), deployment.connections());
    }

    private static Deployment environment() {
        Deployment d = fromEnvironment;
        if (d == null) {
            synchronized (AgentWebSocketHandler.class) {
                d = fromEnvironment;
                if (d == null) {
                    d = LambdaEnvironment.deployment(System.getenv());
                    fromEnvironment = d;
                }
            }
        }
        return d;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        int status = handle(event);
        output.write(("{\"statusCode\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Handles one API Gateway WebSocket event.
     *
     * @return the status code for API Gateway: 200; for a {@code $connect}, 401 for an unknown key, 400 for
     *         a key in the URL, 403 for a page of an origin not allowed
     */
    public int handle(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String route = context.path("routeKey").asText();
        String connectionId = context.path("connectionId").asText();
        if (connectionId.isEmpty()) {
            return 400;
        }
        switch (route) {
            case "$connect":
                Optional<String> refused = refusal(event);
                if (refused.isPresent()) {
                    return refuse(connectionId, refused.get());
                }
                return connect(connectionId, key(event));
            case "$disconnect":
                deployment.connections().delete(connectionId);
                return 200;
            default:
                return message(connectionId, endpoint(context), event.path("body").asText(""));
        }
    }

    /**
     * Why a connection is refused before any key is looked at: a key in the URL (where API Gateway's access
     * logs, proxies and the browser's history keep it), or a page of an origin not allowed, which would let
     * another site drive the agent with its visitor's browser. A client that sends no {@code Origin} is not
     * a page (wscat, a script) and is not refused for that.
     */
    private Optional<String> refusal(JsonNode event) {
        if (event.path("queryStringParameters").has("key")) {
            return Optional.of(KEY_IN_URL);
        }
        Optional<String> origin = header(event, "origin");
        if (origin.isPresent() && !allowed(origin.get())) {
            return Optional.of(FORBIDDEN_ORIGIN);
        }
        return Optional.empty();
    }

    private boolean allowed(String origin) {
        try {
            return deployment.allowedOrigins().contains(EndpointPolicy.origin(origin));
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page, a file) or garbage: not an origin anyone allowed
        }
    }

    private int refuse(String connectionId, String code) {
        String why = code.equals(KEY_IN_URL)
                ? "API keys are not accepted in the URL, where logs keep them: send the header Authorization: Bearer KEY,"
                        + " or {\"type\":\"auth\",\"key\":\"...\"} as the first message"
                : "pages from this origin may not connect (the deployment's AllowedOrigins)";
        // API Gateway does not pass a refused $connect's body to the client: the reason is in the audit and the log
        LOG.warning(() -> "$connect " + connectionId + " refused: " + code + ": " + why);
        deployment.backend().refused(Optional.empty(), connectionId, "connect", code, why);
        return code.equals(KEY_IN_URL) ? 400 : 403;
    }

    private int connect(String connectionId, Optional<String> key) {
        List<String> said = new ArrayList<>();
        ConnectionState state = protocol.open(connectionId, key, said::add);
        if (key.isPresent() && state.principal().isEmpty()) {
            return 401; // refused and audited by the protocol; API Gateway closes the connection
        }
        deployment.connections().save(new DynamoDbConnections.Stored(state, said));
        return 200;
    }

    private int message(String connectionId, URI endpoint, String body) {
        ApiGatewayManagementApiClient client = clients.computeIfAbsent(endpoint, deployment.managementApi());
        ManagementApiOutbound out = new ManagementApiOutbound(client, connectionId);
        DynamoDbConnections.Stored stored = deployment.connections().find(connectionId).orElseGet(() -> {
            // a connection from before the table was cleared, or whose item expired: start it afresh
            List<String> said = new ArrayList<>();
            return new DynamoDbConnections.Stored(protocol.open(connectionId, Optional.empty(), said::add), said);
        });
        stored.pending().forEach(out::send);
        ConnectionState next = protocol.handle(stored.state(), body, out);
        if (out.gone()) {
            deployment.connections().delete(connectionId);
        } else {
            deployment.connections().save(new DynamoDbConnections.Stored(next, List.of()));
        }
        return 200;
    }

    /** The Management API endpoint of the API the event came through: {@code https://DOMAIN/STAGE}. */
    private static URI endpoint(JsonNode context) {
        return URI.create("https://" + context.path("domainName").asText() + "/" + context.path("stage").asText());
    }

    /** The key of {@code Authorization: Bearer KEY}; never one from the URL. */
    private static Optional<String> key(JsonNode event) {
        return header(event, "authorization").filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim()).filter(k -> !k.isEmpty());
    }

    /** A header's value, whatever the case of its name (API Gateway passes them as the client sent them). */
    private static Optional<String> header(JsonNode event, String name) {
        for (var it = event.path("headers").properties().iterator(); it.hasNext(); ) {
            var header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue().asText(""));
            }
        }
        return Optional.empty();
    }
}
