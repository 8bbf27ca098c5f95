package io.promoagent.example.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.example.app.DeployedStores;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.app.ReadLimits;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The Lambda handler invoked with events shaped as API Gateway sends them, against DynamoDB Local in this
 * process (data, approvals, audit, sessions, connections) and a local HTTP server standing in for the
 * API Gateway Management API, which records what is posted to each connection.
 */
class AgentWebSocketHandlerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate NOW = LocalDate.parse("2026-03-15");
    static final byte[] SIGNING_KEY = "a key shared by every instance, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    // the deployment's users, as the template passes them in USERS; not the old demo's well-known keys
    static final String ANALYST_KEY = "analyst-7d1e0c9a4b2f86e35a10";
    static final String MARKETER_KEY = "marketer-c3f8a1d05e7b92460cde";
    static final String APPROVER_KEY = "approver-91b4e6f2a0d83c75e1f4";
    static final String ALLOWED_ORIGIN = "https://promo.example.com";

    static AmazonDynamoDBLocal local;
    static DynamoDbClient dynamo;
    static HttpServer managementApi;
    static ApiGatewayManagementApiClient managementClient;
    static final Map<String, List<JsonNode>> posted = new ConcurrentHashMap<>();
    static final List<String> paths = new CopyOnWriteArrayList<>();
    static final Set<String> goneConnections = ConcurrentHashMap.newKeySet();
    static DynamoDbApprovalStore approvalStore;
    static DynamoDbAuditStore auditStore;
    static DynamoDbConnections connections;
    /** Two function instances over the same tables, as two Lambda containers would be. */
    static AgentWebSocketHandler first;
    static AgentWebSocketHandler second;
    static final List<PromotionEngine> engines = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        local = DynamoDBEmbedded.create(true);
        dynamo = local.dynamoDbClient();
        DataModel model = DataModelYaml.loadResource(PromotionEngine.class, "/io/promoagent/example/promotion-model.yaml");
        Path data = Files.createTempDirectory("lambda-demo-data");
        DemoDataExporter.export(DemoDataGenerator.generate(42, 120, NOW), data);
        DynamoDbTables.create(dynamo, model);
        for (Entity entity : model.entities()) {
            DynamoDbLoader.load(dynamo, entity, data.resolve(entity.name() + ".jsonl"));
        }
        DynamoDbApprovalStore.createTable(dynamo, "approvals");
        DynamoDbAuditStore.createTable(dynamo, "audit");
        DynamoDbSessionStore.createTable(dynamo, "sessions");
        DynamoDbConnections.createTable(dynamo, "connections");
        approvalStore = new DynamoDbApprovalStore(dynamo, "approvals");
        auditStore = new DynamoDbAuditStore(dynamo, "audit");
        Clock clock = Clock.fixed(NOW.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        connections = new DynamoDbConnections(dynamo, "connections", clock, Duration.ofHours(4));

        managementApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        managementApi.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(exchange.getRequestMethod() + " " + path);
            String connection = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (goneConnections.contains(connection)) {
                byte[] error = "{\"message\":\"Gone\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(410, error.length);
                exchange.getResponseBody().write(error);
            } else {
                posted.computeIfAbsent(connection, c -> new CopyOnWriteArrayList<>()).add(JSON.readTree(body));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        managementApi.start();
        managementClient = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + managementApi.getAddress().getPort() + "/prod"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        first = instance(clock);
        second = instance(clock);
    }

    static AgentWebSocketHandler instance(Clock clock) {
        return instance(clock, EngineOptions.demo(42, 120, NOW));
    }

    static AgentWebSocketHandler instance(Clock clock, EngineOptions options) {
        PromotionEngine engine = PromotionEngine.connect(options, new DeployedStores(dynamo,
                approvalStore, auditStore, new DynamoDbSessionStore(dynamo, "sessions", Duration.ofDays(1)), SIGNING_KEY, clock),
                LambdaEnvironment.users(Map.of("USERS", "analyst:analyst:" + ANALYST_KEY + ", marketer:marketer:" + MARKETER_KEY
                        + ",approver:approver:" + APPROVER_KEY)));
        engines.add(engine);
        return new AgentWebSocketHandler(new AgentWebSocketHandler.Deployment(engine, connections, Set.of(ALLOWED_ORIGIN), uri -> {
            assertThat(uri).as("the endpoint named by the event").isEqualTo(URI.create("https://abc123def4.execute-api.eu-west-1.amazonaws.com/prod"));
            return managementClient;
        }));
    }

    @AfterAll
    static void stop() {
        engines.forEach(PromotionEngine::close);
        if (managementApi != null) {
            managementApi.stop(0);
        }
        if (local != null) {
            local.shutdown();
        }
    }

    @BeforeEach
    void forgetPosts() {
        posted.clear();
        paths.clear();
    }

    static ObjectNode event(String file, String connectionId) throws IOException {
        try (InputStream in = AgentWebSocketHandlerTest.class.getResourceAsStream("/io/promoagent/example/lambda/" + file)) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            ((ObjectNode) event.get("requestContext")).put("connectionId", connectionId);
            return event;
        }
    }

    /** A $connect with {@code Authorization: Bearer key}, or none for a null key. */
    static ObjectNode connectEvent(String connectionId, String key) throws IOException {
        ObjectNode event = event("connect.json", connectionId);
        ObjectNode headers = (ObjectNode) event.get("headers");
        if (key == null) {
            headers.remove("Authorization");
        } else {
            headers.put("Authorization", "Bearer " + key);
        }
        return event;
    }

    static int connect(AgentWebSocketHandler handler, String connectionId, String key) throws IOException {
        return handler.handle(connectEvent(connectionId, key));
    }

    static String lastOutcome() {
        return auditStore.head().orElseThrow().outcome();
    }

    static int send(AgentWebSocketHandler handler, String connectionId, String body) throws IOException {
        ObjectNode event = event("message.json", connectionId);
        event.put("body", body);
        return handler.handle(event);
    }

    static List<JsonNode> postedTo(String connectionId) {
        return posted.getOrDefault(connectionId, List.of());
    }

    static JsonNode reply(String connectionId, String requestId) {
        return postedTo(connectionId).stream()
                .filter(m -> m.path("type").asText().equals("reply") && m.path("id").asText().equals(requestId))
                .findFirst().orElseThrow(() -> new AssertionError("no reply " + requestId + " in " + postedTo(connectionId))).get("reply");
    }

    static String ask(String id, String text) {
        return JSON.createObjectNode().put("type", "ask").put("id", id).put("text", text).toString();
    }

    @Nested
    class Connecting {

        @Test
        void postsTheWelcomeWithTheAnswerToTheFirstMessage() throws Exception {
            assertThat(connect(first, "conn-m1", MARKETER_KEY)).isEqualTo(200);
            assertThat(postedTo("conn-m1")).as("nothing can be posted during $connect").isEmpty();

            assertThat(send(first, "conn-m1", ask("r1", "Show VIP customers"))).isEqualTo(200);

            List<String> types = postedTo("conn-m1").stream().map(m -> m.get("type").asText()).toList();
            assertThat(types).startsWith("welcome", "authenticated", "progress").endsWith("reply");
            assertThat(paths).allMatch(p -> p.equals("POST /prod/@connections/conn-m1"));
            JsonNode table = reply("conn-m1", "r1").get("blocks").get(0);
            assertThat(table.get("type").asText()).isEqualTo("table");
            assertThat(table.get("rows")).isNotEmpty().allSatisfy(row -> assertThat(row.get("segment").asText()).isEqualTo("VIP"));
        }

        @Test
        void refusesAnUnknownKeyWith401AndAuditsIt() throws Exception {
            assertThat(connect(first, "conn-x", "stolen-key")).isEqualTo(401);

            assertThat(connections.find("conn-x")).isEmpty();
            AuditRecord last = auditStore.head().orElseThrow();
            assertThat(last.outcome()).isEqualTo("refused:unauthenticated");
            assertThat(AuditVerifier.verify(auditStore).valid()).isTrue();
        }

        @Test
        void refusesAndAuditsARequestBeforeSignInOnAConnectionWithoutAKey() throws Exception {
            connect(first, "conn-anon", null);
            long before = auditStore.head().map(AuditRecord::sequence).orElse(0L);

            send(second, "conn-anon", ask("r1", "Show VIP customers"));

            JsonNode error = postedTo("conn-anon").get(postedTo("conn-anon").size() - 1);
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("unauthenticated");
            assertThat(auditStore.head().orElseThrow().sequence()).isEqualTo(before + 1);

            send(second, "conn-anon", "{\"type\":\"auth\",\"key\":\"" + ANALYST_KEY + "\"}");
            send(first, "conn-anon", ask("r2", "How many VIP customers do we have?"));
            assertThat(reply("conn-anon", "r2").get("blocks").get(0).get("type").asText()).isEqualTo("metric");
        }

        @Test
        void refusesAKeyInTheUrlEvenAKnownOneAndAuditsIt() throws Exception {
            ObjectNode event = connectEvent("conn-url", null);
            event.putObject("queryStringParameters").put("key", MARKETER_KEY);
            event.putObject("multiValueQueryStringParameters").putArray("key").add(MARKETER_KEY);

            assertThat(first.handle(event)).isEqualTo(400);

            assertThat(connections.find("conn-url")).isEmpty();
            AuditRecord last = auditStore.head().orElseThrow();
            assertThat(last.outcome()).isEqualTo("refused:" + AgentWebSocketHandler.KEY_IN_URL);
            assertThat(last.toString()).doesNotContain(MARKETER_KEY);
            assertThat(AuditVerifier.verify(auditStore).valid()).isTrue();

            // with the same key in the header as well, the URL still refuses: the key has been exposed
            event.with("headers").put("Authorization", "Bearer " + MARKETER_KEY);
            assertThat(first.handle(event)).isEqualTo(400);
        }

        @Test
        void refusesTheWellKnownDemoKeysOnConnectAndInTheFirstMessage() throws Exception {
            for (String key : List.of("analyst-key", "marketer-key", "approver-key")) {
                assertThat(connect(first, "conn-old-" + key, key)).as(key).isEqualTo(401);
                assertThat(lastOutcome()).isEqualTo("refused:unauthenticated");
            }
            connect(first, "conn-old", null);
            send(first, "conn-old", "{\"type\":\"auth\",\"key\":\"approver-key\"}");
            send(first, "conn-old", JSON.createObjectNode().put("type", "approve").put("id", "d1")
                    .put("approvalId", "any").toString());
            assertThat(postedTo("conn-old")).extracting(m -> m.path("type").asText()).doesNotContain("authenticated");
            assertThat(postedTo("conn-old")).filteredOn(m -> m.path("type").asText().equals("error"))
                    .extracting(m -> m.get("code").asText()).containsOnly("unauthenticated");
        }

        @Test
        void refusesAPageOfAnotherOriginAndAcceptsTheAllowedOne() throws Exception {
            ObjectNode foreign = connectEvent("conn-evil", APPROVER_KEY);
            foreign.with("headers").put("Origin", "https://evil.example");
            assertThat(first.handle(foreign)).isEqualTo(403);
            assertThat(connections.find("conn-evil")).isEmpty();
            assertThat(lastOutcome()).isEqualTo("refused:" + AgentWebSocketHandler.FORBIDDEN_ORIGIN);

            ObjectNode sandboxed = connectEvent("conn-null", APPROVER_KEY);
            sandboxed.with("headers").put("origin", "null");
            assertThat(first.handle(sandboxed)).as("a sandboxed page or a file").isEqualTo(403);

            // the same origin as the API's own host is not enough: API Gateway serves no page of its own
            ObjectNode self = connectEvent("conn-self", APPROVER_KEY);
            self.with("headers").put("Origin", "https://abc123def4.execute-api.eu-west-1.amazonaws.com");
            assertThat(first.handle(self)).isEqualTo(403);

            ObjectNode allowed = connectEvent("conn-page", APPROVER_KEY);
            allowed.with("headers").put("Origin", "HTTPS://Promo.Example.com");
            assertThat(first.handle(allowed)).isEqualTo(200);
            assertThat(connections.find("conn-page").orElseThrow().state().principal()).isPresent();
            assertThat(AuditVerifier.verify(auditStore).valid()).isTrue();
        }

        @Test
        void forgetsAConnectionOnDisconnectAndWhenApiGatewaySaysItIsGone() throws Exception {
            connect(first, "conn-d", ANALYST_KEY);
            first.handle(event("disconnect.json", "conn-d"));
            assertThat(connections.find("conn-d")).isEmpty();

            connect(first, "conn-g", ANALYST_KEY);
            goneConnections.add("conn-g");
            assertThat(send(first, "conn-g", ask("r1", "Show VIP customers"))).isEqualTo(200);
            assertThat(connections.find("conn-g")).isEmpty();
        }

        @Test
        void answersTheLambdaRuntimeWithAStatusCode() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ObjectNode event = connectEvent("conn-s", ANALYST_KEY);

            first.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);

            assertThat(JSON.readTree(out.toByteArray()).get("statusCode").asInt()).isEqualTo(200);
        }
    }

    @Nested
    class AcrossInstances {

        @Test
        void aProposalMadeOnOneInstanceIsApprovedOnAnotherAndAppliedOnce() throws Exception {
            connect(first, "conn-marketer", MARKETER_KEY);
            send(first, "conn-marketer", ask("p1", "Create 25% VIP discount"));
            JsonNode approval = reply("conn-marketer", "p1").get("blocks").get(0);
            assertThat(approval.get("type").asText()).isEqualTo("approval");
            String approvalId = approval.get("approvalId").asText();
            String code = approval.get("preview").get("promotion").get("code").asText();
            assertThat(approvalStore.find(approvalId).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

            connect(second, "conn-approver", APPROVER_KEY);
            send(second, "conn-approver", JSON.createObjectNode().put("type", "approve").put("id", "d1")
                    .put("approvalId", approvalId).put("reason", "within budget").toString());
            send(first, "conn-approver", JSON.createObjectNode().put("type", "approve").put("id", "d2")
                    .put("approvalId", approvalId).toString());

            assertThat(reply("conn-approver", "d1").get("text").asText()).startsWith("Approved. Applied: ");
            assertThat(reply("conn-approver", "d2").get("blocks").get(0).get("type").asText()).as("applied once").isEqualTo("error");
            assertThat(approvalStore.find(approvalId).orElseThrow().status()).isEqualTo(ApprovalStatus.APPLIED);
            send(second, "conn-marketer", ask("p2", "show active promotions"));
            assertThat(reply("conn-marketer", "p2").toString()).contains(code);
            assertThat(AuditVerifier.verify(auditStore).valid()).isTrue();
        }

        @Test
        void aReadHeldOnOneInstanceIsConfirmedOnAnotherAndRunOnce() throws Exception {
            // two instances whose guard counts the customers table (120 items) as large
            EngineOptions guarded = EngineOptions.demo(42, 120, NOW)
                    .withReadLimits(new ReadLimits(ReadBudget.DEFAULTS.withLargeTableItems(10), ReadPricing.defaults()));
            Clock clock = Clock.fixed(NOW.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            AgentWebSocketHandler holding = instance(clock, guarded);
            AgentWebSocketHandler confirming = instance(clock, guarded);
            connect(holding, "conn-held", ANALYST_KEY);

            send(holding, "conn-held", ask("h1", "list all customers"));
            JsonNode held = reply("conn-held", "h1").get("blocks").get(0);
            assertThat(held.get("type").asText()).as("held, nothing read").isEqualTo("held_read");
            String confirm = JSON.createObjectNode().put("type", "confirm_read").put("handle", held.get("handle").asText())
                    .toString();
            send(confirming, "conn-held", confirm.replace("{", "{\"id\":\"h2\","));
            send(holding, "conn-held", confirm.replace("{", "{\"id\":\"h3\","));

            JsonNode run = reply("conn-held", "h2");
            assertThat(run.get("text").asText()).startsWith("Confirmed.");
            assertThat(run.get("blocks").get(0).get("total").asInt()).isEqualTo(120);
            JsonNode replay = reply("conn-held", "h3").get("blocks").get(0);
            assertThat(replay.get("code").asText()).as("run once").isEqualTo("already_confirmed");
            List<String> holds = auditStore.all().stream()
                    .filter(r -> r.action() == AuditAction.READ_HOLD).map(AuditRecord::outcome).toList();
            assertThat(holds).containsExactly("held", "confirmed", "run");
            assertThat(AuditVerifier.verify(auditStore).valid()).isTrue();
        }

        @Test
        void aConversationResumesOnANewConnectionServedByAnotherInstance() throws Exception {
            connect(first, "conn-a1", ANALYST_KEY);
            send(first, "conn-a1", ask("r1", "Show VIP customers"));
            String sessionId = postedTo("conn-a1").stream().filter(m -> m.get("type").asText().equals("authenticated"))
                    .findFirst().orElseThrow().get("sessionId").asText();

            connect(second, "conn-a2", ANALYST_KEY);
            send(second, "conn-a2", "{\"type\":\"hello\",\"sessionId\":\"" + sessionId + "\"}");

            JsonNode session = postedTo("conn-a2").stream().filter(m -> m.get("type").asText().equals("session")).findFirst().orElseThrow();
            assertThat(session.get("resumed").asBoolean()).isTrue();
            assertThat(connections.find("conn-a2").orElseThrow().state().sessionId()).isEqualTo(sessionId);

            connect(first, "conn-m9", MARKETER_KEY);
            send(first, "conn-m9", "{\"type\":\"hello\",\"sessionId\":\"" + sessionId + "\"}");
            JsonNode refused = postedTo("conn-m9").stream().filter(m -> m.get("type").asText().equals("session")).findFirst().orElseThrow();
            assertThat(refused.get("resumed").asBoolean()).as("another person's conversation").isFalse();
        }
    }
}
