package io.promoagent.example.lambda;

import io.promoagent.dynamodb.DynamoDbClients;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.Roles;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.DeployedStores;
import io.promoagent.example.app.DynamoDbOutboxStore;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.OutboxStore;
import io.promoagent.example.server.DemoUser;
import io.promoagent.example.server.EndpointPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the Lambda handler's deployment from its environment variables (set by the SAM template):
 * {@code CONNECTIONS_TABLE}, {@code APPROVALS_TABLE}, {@code AUDIT_TABLE}, {@code SESSIONS_TABLE},
 * {@code SIGNING_KEY} (base64, at least 32 bytes), optional {@code TOKENS_TABLE} (the writes' idempotency
 * tokens, so that recovery completes an apply interrupted after its write) and {@code OUTBOX_TABLE} (the
 * e-mail outbox, so that a recovered send does not send twice), {@code USERS} (who may sign in, with which keys: no
 * default, see {@link #users}), optional {@code ALLOWED_ORIGINS} (web pages that may connect, see
 * {@link #allowedOrigins}), optional {@code MODEL} ({@code bedrock:MODEL_ID}),
 * {@code DATA_MODEL} (a data model file in the function's package; the demo model otherwise),
 * {@code MANAGEMENT_API_ENDPOINT} (for a custom domain) and {@code QUERY_CACHE_SECONDS} (0, no cache, by
 * default: other instances write the same tables, and an instance sees their writes only when what it
 * cached expires).
 */
final class LambdaEnvironment {

    private LambdaEnvironment() {
    }

    /** Keys shorter than this are refused: a key must not be guessable (the old demo's were 11 to 12 characters). */
    static final int MIN_KEY_LENGTH = 24;
    private static final Set<String> ROLES = Set.of(Roles.ANALYST, Roles.MARKETER, Roles.APPROVER, Roles.ADMIN);

    static AgentWebSocketHandler.Deployment deployment(Map<String, String> env) {
        // the configuration that is checked without touching AWS first, so that a bad one fails at once and clearly
        DemoUsers users = users(env);
        Set<String> origins = allowedOrigins(env);
        DynamoDbClient dynamo = DynamoDbClients.create();
        Clock clock = Clock.systemUTC();
        byte[] key = Base64.getDecoder().decode(required(env, "SIGNING_KEY"));
        // with a token table an apply cut short on one instance is completed by another, exactly once; with an
        // outbox table a send recovered there does not send again what had left
        Optional<String> tokens = optional(env, "TOKENS_TABLE");
        OutboxStore outbox = optional(env, "OUTBOX_TABLE").<OutboxStore>map(t -> new DynamoDbOutboxStore(dynamo, t))
                .orElseGet(InMemoryOutboxStore::new);
        DeployedStores stores = new DeployedStores(dynamo,
                new DynamoDbApprovalStore(dynamo, required(env, "APPROVALS_TABLE")),
                new DynamoDbAuditStore(dynamo, required(env, "AUDIT_TABLE")),
                new DynamoDbSessionStore(dynamo, required(env, "SESSIONS_TABLE"), Duration.ofDays(1)),
                key, clock, tokens, outbox);
        EngineOptions options = EngineOptions.demo(0, 1, LocalDate.now(clock)).withQueryCache(queryCache(env));
        Optional<String> dataModel = optional(env, "DATA_MODEL");
        if (dataModel.isPresent()) {
            Path file = Path.of(dataModel.get());
            options = options.withData(file, file.toAbsolutePath().getParent()); // the data is in the tables already
        }
        Optional<String> model = optional(env, "MODEL");
        if (model.isPresent()) {
            options = options.withLanguageModel(new EngineOptions.LanguageModel(model.get(), Optional.empty()));
        }
        PromotionEngine engine = PromotionEngine.connect(options, stores, users);
        DynamoDbConnections connections = new DynamoDbConnections(dynamo, required(env, "CONNECTIONS_TABLE"), clock,
                Duration.ofHours(4));
        Optional<URI> endpoint = optional(env, "MANAGEMENT_API_ENDPOINT").map(URI::create);
        return new AgentWebSocketHandler.Deployment(engine, connections, origins,
                uri -> ApiGatewayManagementApiClient.builder().endpointOverride(endpoint.orElse(uri))
                        .httpClientBuilder(ApacheHttpClient.builder()).build());
    }

    static Duration queryCache(Map<String, String> env) {
        String value = env.getOrDefault("QUERY_CACHE_SECONDS", "").strip();
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("QUERY_CACHE_SECONDS must be a number of seconds, 0 or more, not '" + value + "'");
        }
    }

    /**
     * Who may sign in: {@code USERS} is {@code id:role:key,id:role:key,...} (role one of analyst, marketer,
     * approver, admin). There is no default, so that a deployment never answers to keys someone else knows;
     * each key has at least {@value #MIN_KEY_LENGTH} characters ({@code openssl rand -hex 24}), ids and keys
     * are distinct.
     *
     * @throws IllegalStateException naming what is wrong (never a key), so that the function does not start
     */
    static DemoUsers users(Map<String, String> env) {
        String value = required(env, "USERS");
        List<DemoUser> users = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].strip().split(":", 3);
            String where = "USERS entry " + (i + 1);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalStateException(where + " is not id:role:key");
            }
            String id = parts[0].strip();
            String role = parts[1].strip();
            String key = parts[2].strip();
            if (!ROLES.contains(role)) {
                throw new IllegalStateException(where + " (" + id + ") has the role '" + role + "'; roles: "
                        + ROLES.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException(where + " (" + id + ") has a key of " + key.length()
                        + " characters; at least " + MIN_KEY_LENGTH + " are required (openssl rand -hex 24)");
            }
            if (!ids.add(id)) {
                throw new IllegalStateException(where + ": the id " + id + " is given twice");
            }
            if (!keys.add(key)) {
                throw new IllegalStateException(where + " (" + id + ") has the same key as another user");
            }
            users.add(new DemoUser(Principal.of(id, role), key));
        }
        return DemoUsers.configured(users);
    }

    /**
     * The web pages that may open a connection: {@code ALLOWED_ORIGINS}, comma-separated origins
     * ({@code https://app.example.com}). Empty or absent, no page may: only clients that send no
     * {@code Origin} (the command line, scripts, servers).
     *
     * @throws IllegalStateException for something that is not an origin
     */
    static Set<String> allowedOrigins(Map<String, String> env) {
        try {
            return Arrays.stream(env.getOrDefault("ALLOWED_ORIGINS", "").split(","))
                    .map(String::strip).filter(o -> !o.isEmpty()).map(EndpointPolicy::origin)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ALLOWED_ORIGINS: " + e.getMessage());
        }
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + name + " is not set");
        }
        return value;
    }
}
