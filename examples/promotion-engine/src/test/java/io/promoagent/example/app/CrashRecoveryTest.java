package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.example.demo.DemoDataGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * {@code kill -9} of a real {@code promo-agent serve --data-dir} process at random points of a burst of
 * approvals, 20 times in the {@code full} profile (2 in the normal build: each restart of serve takes seconds),
 * each followed by a restart: every restart recovers what the crash left
 * approved or applying and audits what the crash left applied but unaudited, so that after every restart
 * nothing is stuck and every applied change has exactly one {@code applied} audit record; at the end no
 * promotion was created twice, no approval is stuck, every decision and every applied change is audited
 * exactly once, and the audit chain verifies against its anchor.
 *
 * <p>The seed of the kill timings is printed; {@code -Dpromoagent.crashSeed=N} replays it, and
 * {@code -Dpromoagent.crashRounds=N} sets the number of kills (at most 31: each round proposes discounts 3
 * percent higher than the last, up to 100 %).
 */
class CrashRecoveryTest {

    static final int ROUNDS = Integer.getInteger("promoagent.crashRounds",
            Boolean.getBoolean("promoagent.fullTests") ? 20 : 2);
    static final int BURST = 3;
    static final long SEED = Long.getLong("promoagent.crashSeed", System.nanoTime());
    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static final int CUSTOMERS = 60;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killedServesRecoverEveryApprovalExactlyOnce() throws Exception {
        System.out.println("CrashRecoveryTest seed " + SEED + " (replay with -Dpromoagent.crashSeed=" + SEED + ")");
        Random random = new Random(SEED);
        Path folder = dir.resolve("data");
        this.dataFolder = folder;
        int percent = 5;
        long burstMillis = 0; // how long a whole burst takes here, measured in the first round
        for (int round = 0; round < ROUNDS; round++) {
            ServeProcess server = start(folder);
            try {
                assertThat(stuck(server)).as("round %d, seed %d: approvals left approved or applying after the restart",
                        round, SEED).isEmpty();
                assertThat(appliesNotAuditedOnce(server)).as("round %d, seed %d: applied approvals without exactly one"
                        + " 'applied' audit record after the restart", round, SEED).isEmpty();
                List<String> approvals = propose(server, percent);
                percent += BURST;
                ExecutorService pool = Executors.newFixedThreadPool(BURST);
                long started = System.nanoTime();
                for (String id : approvals) {
                    pool.submit(() -> approve(server, id));
                }
                if (round == 0) {
                    // the first burst completes, so that the kills that follow fall anywhere within one
                    pool.shutdown();
                    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                    burstMillis = Math.max(50, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } else {
                    Thread.sleep(random.nextInt((int) Math.min(10_000, burstMillis * 6 / 5)));
                }
                server.kill();
                pool.shutdownNow();
            } catch (Throwable t) {
                server.process().destroyForcibly();
                throw new AssertionError("round " + round + " (seed " + SEED + ") failed; the server said:\n" + server.log(), t);
            }
        }
        checkTheDataFolder(folder);
    }

    /** A last start in this process: what every restart promised holds for the whole run. */
    private void checkTheDataFolder(Path folder) {
        Map<String, String> createdBy = new HashMap<>();
        try (PromotionEngine engine = PromotionEngine.start(EngineOptions.demo(7, CUSTOMERS, NOW).withDataDir(folder))) {
            List<ApprovalRecord> approvals = engine.approvals();
            assertThat(approvals).as("seed %d", SEED).isNotEmpty()
                    .noneMatch(a -> a.status() == ApprovalStatus.APPROVED || a.status() == ApprovalStatus.APPLYING);
            assertThat(engine.verifyAudit().valid()).as("the audit chain, seed %d: %s", SEED, engine.verifyAudit()).isTrue();
            List<AuditRecord> audit = engine.auditRecords(0, Integer.MAX_VALUE);
            for (ApprovalRecord a : approvals) {
                long applied = audit.stream().filter(r -> r.approvalId().equals(java.util.Optional.of(a.approvalId()))
                        && r.outcome().equals("applied")).count();
                // exactly once for an applied approval, never for one that was not applied
                assertThat(applied).as("'applied' audit records of %s approval %s, seed %d", a.status().jsonName(),
                        a.approvalId(), SEED).isEqualTo(a.status() == ApprovalStatus.APPLIED ? 1 : 0);
                long approved = audit.stream().filter(r -> r.approvalId().equals(java.util.Optional.of(a.approvalId()))
                        && r.action() == AuditAction.DECISION && r.outcome().equals("approved")).count();
                assertThat(approved).as("'approved' decisions of %s approval %s, seed %d", a.status().jsonName(),
                        a.approvalId(), SEED).isEqualTo(a.decidedBy().isPresent() && a.status() != ApprovalStatus.REJECTED ? 1 : 0);
                if (a.status() == ApprovalStatus.APPLIED) {
                    assertThat(a.result()).as("the result and before-images of %s", a.approvalId()).isPresent();
                    a.result().get().applied().forEach(r -> createdBy.put((String) r.key().get("id"), a.approvalId()));
                }
            }
            assertThat(approvals).filteredOn(a -> a.status() == ApprovalStatus.APPLIED).as("seed %d", SEED).isNotEmpty();
            Map<String, Long> statuses = new java.util.TreeMap<>();
            approvals.forEach(a -> statuses.merge(a.status().jsonName(), 1L, Long::sum));
            System.out.println("CrashRecoveryTest: " + ROUNDS + " kills, approvals " + statuses + ", recovered at a restart "
                    + audit.stream().filter(r -> r.detail().startsWith("recovered")).count() + ", audited after a restart "
                    + audit.stream().filter(r -> r.detail().startsWith("recorded after a restart"))
                            .map(r -> r.action().jsonName() + " " + r.outcome()).toList() + ", released "
                    + audit.stream().filter(r -> r.outcome().equals("released")).count() + "; why some failed: "
                    + approvals.stream().filter(a -> a.status() == ApprovalStatus.FAILED).map(a -> a.reason().orElse(""))
                    .distinct().limit(5).toList());
        }
        List<Map<String, AttributeValue>> promotions = scanPromotions(folder);
        Set<String> codes = new HashSet<>();
        for (Map<String, AttributeValue> p : promotions) {
            assertThat(codes.add(p.get("code").s())).as("promotion code %s twice, seed %d", p.get("code").s(), SEED).isTrue();
        }
        Set<String> ids = new HashSet<>();
        promotions.forEach(p -> ids.add(p.get("id").s()));
        assertThat(ids).as("every applied creation is stored").containsAll(createdBy.keySet());
        int demo = DemoDataGenerator.generate(7, CUSTOMERS, NOW).promotions().size();
        assertThat(promotions).as("the demo's promotions and the applied creations, nothing more; seed %d", SEED)
                .hasSize(demo + createdBy.size());
    }

    private static List<Map<String, AttributeValue>> scanPromotions(Path folder) {
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(folder.resolve("dynamodb.db").toFile(), true);
        try {
            DynamoDbClient client = local.dynamoDbClient();
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            client.scanPaginator(b -> b.tableName("promotions").consistentRead(true)).items().forEach(items::add);
            return items;
        } finally {
            local.shutdown();
        }
    }

    // ---- the serve process -------------------------------------------------------------------------------

    private ServeProcess start(Path folder) throws Exception {
        return ServeProcess.start(List.of(), List.of("--data-dir", folder.toString(), "--seed", "7", "--customers",
                Integer.toString(CUSTOMERS), "--now", NOW.toString()));
    }

    /** Applied approvals the server lists with no 'applied' audit record, or more than one, and their audit. */
    private List<String> appliesNotAuditedOnce(ServeProcess server) throws Exception {
        Map<String, Integer> appliedRecords = new HashMap<>();
        Map<String, List<String>> byApproval = new HashMap<>();
        long from = 1;
        while (true) {
            JsonNode page = get(server, "/api/audit?limit=1000&from=" + from);
            for (JsonNode rec : page.path("records")) {
                String id = rec.path("approvalId").asText("");
                byApproval.computeIfAbsent(id, k -> new ArrayList<>()).add(rec.toString());
                if (rec.path("outcome").asText().equals("applied")) {
                    appliedRecords.merge(id, 1, Integer::sum);
                }
            }
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                break;
            }
            from = page.path("next").asLong();
        }
        List<String> gaps = new ArrayList<>();
        for (JsonNode a : get(server, "/api/approvals")) {
            String id = a.path("approvalId").asText();
            if (a.path("status").asText().equals("applied") && appliedRecords.getOrDefault(id, 0) != 1) {
                gaps.add("approval " + id + " applied with " + appliedRecords.getOrDefault(id, 0) + " 'applied' records: "
                        + a + "\n  its audit: " + String.join("\n  ", byApproval.getOrDefault(id, List.of())));
            }
        }
        return gaps;
    }

    /** What the server answers to a GET of {@code path}, asked by the approver. */
    private JsonNode get(ServeProcess server, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + key("approver")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Approvals the server lists as approved or applying. */
    private List<String> stuck(ServeProcess server) throws Exception {
        List<String> stuck = new ArrayList<>();
        for (JsonNode a : get(server, "/api/approvals")) {
            String status = a.path("status").asText();
            if (status.equals("approved") || status.equals("applying")) {
                stuck.add(a.path("approvalId").asText() + " " + status);
            }
        }
        return stuck;
    }

    /** The marketer proposes {@value #BURST} promotions of distinct discounts over the WebSocket, as the page does. */
    private List<String> propose(ServeProcess server, int firstPercent) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().header("Origin", server.url())
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/agent"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText(JSON.createObjectNode().put("type", "auth").put("key", key("marketer")).toString(), true).get();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String id = "r" + i;
                ws.sendText(JSON.createObjectNode().put("type", "ask").put("id", id)
                        .put("text", "Create " + (firstPercent + i) + "% VIP discount").toString(), true).get();
                ids.add(approvalOf(frames, id));
            }
            return ids;
        } finally {
            ws.abort();
        }
    }

    private static String approvalOf(BlockingQueue<String> frames, String requestId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(1, TimeUnit.SECONDS);
            if (frame == null) {
                continue;
            }
            JsonNode m = JSON.readTree(frame);
            if (m.path("type").asText().equals("reply") && m.path("id").asText().equals(requestId)) {
                for (JsonNode block : m.path("reply").path("blocks")) {
                    if (block.path("type").asText().equals("approval")) {
                        return block.path("approvalId").asText();
                    }
                }
                throw new AssertionError("no proposal in the reply: " + frame);
            }
            if (m.path("type").asText().equals("error")) {
                throw new AssertionError("refused: " + frame);
            }
        }
        throw new AssertionError("no reply to " + requestId);
    }

    /** The approver approves (and so applies) over HTTP; the answer may never come when the server is killed. */
    private void approve(ServeProcess server, String approvalId) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/approvals/" + approvalId + "/approve"))
                    .header("Authorization", "Bearer " + key("approver")).header("Origin", server.url())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"crash test\"}")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            // killed mid-request: what happened is for the restart to settle
        }
    }

    /** The folder serve keeps its data, approvals and demo keys in. */
    private Path dataFolder;

    /** The demo key of a user: random per data folder, kept in it by the first start. */
    private String key(String user) {
        Properties keys = new Properties();
        try (var in = java.nio.file.Files.newInputStream(dataFolder.resolve(DataDirectory.DEMO_KEYS))) {
            keys.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return java.util.Objects.requireNonNull(keys.getProperty(user), "no key for " + user);
    }
}
