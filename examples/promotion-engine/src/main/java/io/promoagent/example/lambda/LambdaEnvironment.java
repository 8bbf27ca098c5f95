package io.promoagent.example.lambda;

import io.promoagent.dynamodb.DynamoDbClients;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.example.app.DeployedStores;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the Lambda handler's deployment from its environment variables (set by the SAM template):
 * {@code CONNECTIONS_TABLE}, {@code APPROVALS_TABLE}, {@code AUDIT_TABLE}, {@code SESSIONS_TABLE},
 * {@code SIGNING_KEY} (base64, at least 32 bytes), optional {@code MODEL} ({@code bedrock:MODEL_ID}),
 * {@code DATA_MODEL} (a data model file in the function's package; the demo model otherwise),
 * {@code MANAGEMENT_API_ENDPOINT} (for a custom domain) and {@code QUERY_CACHE_SECONDS} (0, no cache, by
 * default: other instances write the same tables, and an instance sees their writes only when what it
 * cached expires).
 */
final class LambdaEnvironment {

    private LambdaEnvironment() {
    }

    static AgentWebSocketHandler.Deployment deployment(Map<String, String> env) {
        DynamoDbClient dynamo = DynamoDbClients.create();
        Clock clock = Clock.systemUTC();
        byte[] key = Base64.getDecoder().decode(required(env, "SIGNING_KEY"));
        DeployedStores stores = new DeployedStores(dynamo,
                new DynamoDbApprovalStore(dynamo, required(env, "APPROVALS_TABLE")),
                new DynamoDbAuditStore(dynamo, required(env, "AUDIT_TABLE")),
                new DynamoDbSessionStore(dynamo, required(env, "SESSIONS_TABLE"), Duration.ofDays(1)),
                key, clock);
        EngineOptions options = EngineOptions.demo(0, 1, LocalDate.now(clock)).withQueryCache(queryCache(env));
        Optional<String> dataModel = Optional.ofNullable(env.get("DATA_MODEL")).filter(s -> !s.isBlank());
        if (dataModel.isPresent()) {
            Path file = Path.of(dataModel.get());
            options = options.withData(file, file.toAbsolutePath().getParent()); // the data is in the tables already
        }
        Optional<String> model = Optional.ofNullable(env.get("MODEL")).filter(s -> !s.isBlank());
        if (model.isPresent()) {
            options = options.withLanguageModel(new EngineOptions.LanguageModel(model.get(), Optional.empty()));
        }
        PromotionEngine engine = PromotionEngine.connect(options, stores);
        DynamoDbConnections connections = new DynamoDbConnections(dynamo, required(env, "CONNECTIONS_TABLE"), clock,
                Duration.ofHours(4));
        Optional<URI> endpoint = Optional.ofNullable(env.get("MANAGEMENT_API_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create);
        return new AgentWebSocketHandler.Deployment(engine, connections,
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

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + name + " is not set");
        }
        return value;
    }
}
