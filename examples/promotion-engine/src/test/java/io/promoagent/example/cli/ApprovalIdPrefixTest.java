package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.AgentServer;
import io.promoagent.example.server.AgentSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approval and change-set ids as people copy them from the page or the terminal: the first 8 (or more)
 * characters are enough wherever an id is taken, in {@code approvals approve|reject|show|rollback} and in
 * the WebSocket's {@code approve}; shorter or ambiguous starts get a clear error. {@code approvals show}
 * prints the card.
 */
class ApprovalIdPrefixTest {

    static PromotionEngine engine;
    static AgentServer server;
    static String url;

    @BeforeAll
    static void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 300, LocalDate.of(2026, 6, 30)));
        server = AgentServer.start(engine, "127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String user, String... args) {
        String key = engine.demoUsers().stream().filter(u -> u.principal().id().equals(user)).findFirst().orElseThrow().apiKey();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PromoAgentCli(Clock.systemUTC(), Map.of("PROMO_AGENT_KEY", key)).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String propose(String text) {
        Reply reply = engine.ask(DemoUsers.MARKETER, "ids-" + UUID.randomUUID(), text, p -> { });
        return reply.block(ApprovalBlock.class).orElseThrow(() -> new AssertionError(reply.text())).approvalId();
    }

    static ApprovalStatus status(String id) {
        return engine.approval(id).orElseThrow().status();
    }

    @Test
    void approvalsApproveTakesTheFirstEightCharacters() {
        String id = propose("Create 25% VIP discount");

        Run approve = run("approver", "approvals", "approve", id.substring(0, 8), "--url", url);

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(status(id)).isEqualTo(ApprovalStatus.APPLIED);
    }

    @Test
    void approvalsRejectTakesALongerStartToo() {
        String id = propose("Create 25% VIP discount");

        Run reject = run("approver", "approvals", "reject", id.substring(0, 13), "--reason", "not now", "--url", url);

        assertThat(reject.exitCode()).as(reject.err()).isZero();
        assertThat(status(id)).isEqualTo(ApprovalStatus.REJECTED);
    }

    @Test
    void aStartShorterThanEightIsRefusedClearlyAndDecidesNothing() {
        String id = propose("Create 25% VIP discount");

        Run approve = run("approver", "approvals", "approve", id.substring(0, 7), "--url", url);

        assertThat(approve.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
        assertThat(approve.err()).contains("too short").contains("at least 8 characters");
        assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void theWebSocketsApproveTakesTheFirstEightCharacters() throws Exception {
        String id = propose("Create 25% VIP discount");
        String key = engine.demoUsers().stream().filter(u -> u.principal().id().equals("approver")).findFirst().orElseThrow().apiKey();
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        try (AgentSocket socket = AgentSocket.connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + server.port() + "/agent"),
                Map.of("Authorization", "Bearer " + key), received::add)) {
            socket.send("{\"type\":\"approve\",\"id\":\"d1\",\"approvalId\":\"" + id.substring(0, 8) + "\"}");
            JsonNode reply;
            do {
                reply = received.poll(20, TimeUnit.SECONDS);
                assertThat(reply).as("a reply within 20 s").isNotNull();
            } while (!reply.path("type").asText().equals("reply"));
            assertThat(reply.path("reply").path("blocks").findValues("type")).extracting(JsonNode::asText).doesNotContain("error");
        }
        assertThat(status(id)).isEqualTo(ApprovalStatus.APPLIED);
    }

    @Test
    void approvalsShowPrintsTheCardThenDetailsOnDemand() {
        String id = propose("Create 25% VIP discount");

        Run card = run("approver", "approvals", "show", id.substring(0, 8), "--url", url);
        Run details = run("approver", "approvals", "show", id.substring(0, 8), "--details", "--url", url);

        assertThat(card.exitCode()).as(card.err()).isZero();
        List<String> lines = card.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Create promotion VIP25");
        assertThat(lines.get(1)).matches("  Audience: [\\d,]+ customers, [\\d,]+ reachable by e-mail");
        assertThat(lines.get(2)).matches("  Predicted redemptions: [\\d,]+ \\(likely [\\d,]+ to [\\d,]+\\)");
        assertThat(lines.get(3)).matches("  Predicted cost: \\$[\\d,]+\\.\\d\\d \\(likely \\$[\\d,]+\\.\\d\\d to \\$[\\d,]+\\.\\d\\d\\).*");
        assertThat(card.out()).contains("Approve: promo-agent approvals approve " + id.substring(0, 8))
                .contains("--details").doesNotContain("comparables:").doesNotContainPattern("\\b0\\.\\d{3,}");
        assertThat(details.out()).startsWith(card.out().substring(0, card.out().indexOf("Details")))
                .contains("Details:").contains("comparables:");
    }

    @Test
    void rollbackTakesTheStartOfTheAppliedApprovalsId() {
        String id = propose("Create 25% VIP discount");
        assertThat(run("approver", "approvals", "approve", id, "--url", url).exitCode()).isZero();

        Run rollback = run("marketer", "approvals", "rollback", id.substring(0, 8), "--url", url);

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rollback");
        String changeSet = engine.approval(id).orElseThrow().changeSet().id();
        assertThat(engine.approvals()).anySatisfy(a -> assertThat(a.rollbackOf()).contains(changeSet));
    }

    @Test
    void anUnknownIdIsSaidAsUnknown() {
        Run show = run("approver", "approvals", "show", "0123456789abcdef", "--url", url);

        assertThat(show.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
        assertThat(show.err()).contains("no approval has the id 0123456789abcdef");
    }
}
