package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.AgentServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The commands that work on a running server ({@code approvals list|approve|reject}, {@code audit verify}),
 * against a real engine over DynamoDB Local behind a real server on a free port.
 */
class ServerCommandsTest {

    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static PromotionEngine engine;
    static AgentServer server;
    static String url;

    @BeforeAll
    static void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 300, NOW));
        server = AgentServer.start(engine, "127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** What one run of the CLI printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    /** The random API key of a demo user of the engine. */
    static String key(String user) {
        return engine.demoUsers().stream().filter(u -> u.principal().id().equals(user)).findFirst().orElseThrow().apiKey();
    }

    /**
     * Runs the CLI; without a key in the arguments or the environment, with the key of the demo user each
     * command is for (the approver's to decide, the analyst's to read), as a person would export it.
     */
    static Run run(Map<String, String> environment, String... args) {
        if (!environment.containsKey("PROMO_AGENT_KEY") && !List.of(args).contains("--key")) {
            boolean decides = args.length > 1 && args[0].equals("approvals") && !args[1].equals("list");
            environment = Map.of("PROMO_AGENT_KEY", key(decides ? "approver" : "analyst"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new PromoAgentCli(Clock.systemUTC(), environment).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** The marketer asks for a change in words, as on the page; the reply holds its approval. */
    static String propose(String text) {
        Reply reply = engine.ask(DemoUsers.MARKETER, "test-" + UUID.randomUUID(), text, p -> { });
        return reply.block(ApprovalBlock.class).orElseThrow(() -> new AssertionError("no proposal: " + reply.text()))
                .approvalId();
    }

    static JsonNode approval(String approvalId) throws Exception {
        Run list = run("approvals", "list", "--json", "--url", url);
        assertThat(list.exitCode()).as(list.err()).isZero();
        for (JsonNode a : ReplyJson.mapper().readTree(list.out())) {
            if (a.get("approvalId").asText().equals(approvalId)) {
                return a;
            }
        }
        throw new AssertionError("approval " + approvalId + " is not listed");
    }

    @Nested
    class ApprovalsList {

        @Test
        void showsAProposalAsPendingWithItsToolProposerAndAffectedCount() {
            String id = propose("Create 25% VIP discount");

            Run list = run("approvals", "list", "--url", url);

            assertThat(list.exitCode()).as(list.err()).isZero();
            String line = list.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
            assertThat(line).contains("pending").contains("create_promotion").contains("marketer")
                    .contains("Create promotion VIP25");
            assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("approval").contains("proposer")
                    .contains("affected").contains("expires");
            assertThat(list.out()).containsPattern("\\d+ approvals? \\(.*pending.*\\)");
        }

        @Test
        void printsTheServersJsonAndFiltersByStatus() throws Exception {
            String id = propose("Create 25% VIP discount");

            Run pending = run("approvals", "list", "--status", "pending", "--json", "--url", url);
            Run applied = run("approvals", "list", "--status", "applied", "--json", "--url", url);

            JsonNode pendingJson = ReplyJson.mapper().readTree(pending.out());
            assertThat(pendingJson).extracting(a -> a.get("approvalId").asText()).contains(id);
            assertThat(pendingJson).allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("pending"));
            assertThat(ReplyJson.mapper().readTree(applied.out())).extracting(a -> a.get("approvalId").asText())
                    .doesNotContain(id);
            assertThat(approval(id).get("affectedCount").asInt()).isPositive();
        }

        @Test
        void refusesAStatusThatDoesNotExist() {
            Run list = run("approvals", "list", "--status", "waiting", "--url", url);

            assertThat(list.exitCode()).isEqualTo(PromoAgentCli.EXIT_USAGE);
            assertThat(list.err()).contains("--status must be one of pending, approved, rejected");
        }
    }

    @Nested
    class ApprovalsApprove {

        @Test
        void isRefusedToTheMarketerWhoProposedTheChange() throws Exception {
            String id = propose("Create 25% VIP discount");

            Run approve = run("approvals", "approve", id, "--key", key("marketer"), "--url", url);

            assertThat(approve.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(approve.err()).contains("cannot approve approval " + id)
                    .contains("marketer may not approve changes").contains("not_an_approver");
            assertThat(approval(id).get("status").asText()).isEqualTo("pending");
            assertThat(engine.auditRecords(1, Integer.MAX_VALUE)).anySatisfy(r -> {
                assertThat(r.approvalId()).hasValue(id);
                assertThat(r.outcome()).isEqualTo("refused:not_an_approver");
            });
        }

        @Test
        void appliesTheChangeWhenTheApproverApprovesItOnce() throws Exception {
            String id = propose("Create 25% VIP discount");

            Run approve = run("approvals", "approve", id, "--reason", "fits the summer plan", "--url", url);

            assertThat(approve.exitCode()).as(approve.err()).isZero();
            assertThat(approve.out()).startsWith("Approved. Applied: ").contains("promotion created: 1");
            JsonNode approval = approval(id);
            assertThat(approval.get("status").asText()).isEqualTo("applied");
            assertThat(approval.get("decidedBy").asText()).isEqualTo("approver");
            assertThat(approval.get("reason").asText()).isEqualTo("fits the summer plan");
            assertThat(run("approvals", "list", "--status", "applied", "--url", url).out()).contains(id);

            Run again = run("approvals", "approve", id, "--key", key("approver"), "--url", url);
            assertThat(again.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(again.err()).contains("is applied; only a pending approval can be decided").contains("not_pending");
        }

        @Test
        void printsTheReplyAsJsonWhenAsked() throws Exception {
            String id = propose("Create 25% VIP discount");

            Run approve = run("approvals", "approve", id, "--json", "--url", url);

            assertThat(approve.exitCode()).as(approve.err()).isZero();
            Reply reply = ReplyJson.read(approve.out().trim());
            assertThat(reply.text()).startsWith("Approved. Applied: ");
            assertThat(reply.hasError()).isFalse();
        }

        @Test
        void saysSoWhenNoApprovalHasTheId() {
            Run approve = run("approvals", "approve", "no-such-approval", "--url", url);

            assertThat(approve.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(approve.err()).contains("cannot approve approval no-such-approval")
                    .contains("no approval has the id no-such-approval").contains("unknown_approval");
        }

        @Test
        void needsTheIdOfAnApproval() {
            Run approve = run("approvals", "approve", "--url", url);

            assertThat(approve.exitCode()).isEqualTo(PromoAgentCli.EXIT_USAGE);
            assertThat(approve.err()).contains("which approval?")
                    .contains("Usage: promo-agent approvals approve APPROVAL_ID");
        }
    }

    @Nested
    class ApprovalsReject {

        @Test
        void rejectsAProposalWithTheReasonGivenSoThatItCanNeverBeApproved() throws Exception {
            String id = propose("Create a $10 off promotion for premium customers with code SAVE10 valid until the end of next month");

            Run reject = run("approvals", "reject", id, "--reason", "too generous", "--url", url);

            assertThat(reject.exitCode()).as(reject.err()).isZero();
            assertThat(reject.out()).startsWith("Rejected: ").contains("too generous");
            JsonNode approval = approval(id);
            assertThat(approval.get("status").asText()).isEqualTo("rejected");
            assertThat(approval.get("reason").asText()).isEqualTo("too generous");
            Run approve = run("approvals", "approve", id, "--url", url);
            assertThat(approve.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(approve.err()).contains("is rejected");
        }

        @Test
        void needsAReason() {
            Run reject = run("approvals", "reject", "some-id", "--url", url);

            assertThat(reject.exitCode()).isEqualTo(PromoAgentCli.EXIT_USAGE);
            assertThat(reject.err()).contains("a rejection needs a reason: --reason TEXT");
        }
    }

    @Nested
    class TheServerConnection {

        @Test
        void tellsHowToStartAServerWhenNoneListens() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String closed = "http://127.0.0.1:" + port;

            for (String[] args : List.of(new String[] {"approvals", "list", "--url", closed},
                    new String[] {"approvals", "approve", "a-1", "--url", closed},
                    new String[] {"audit", "verify", "--url", closed})) {
                Run run = run(args);
                assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(PromoAgentCli.EXIT_FAILURE);
                assertThat(run.err()).contains("no server at " + closed + ": start one with bin/promo-agent serve");
            }
        }

        @Test
        void reportsAKeyTheServerDoesNotKnow() {
            Run list = run("approvals", "list", "--key", "stolen-key", "--url", url);

            assertThat(list.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(list.err()).contains("the server at " + url + " does not accept the API key: the API key is not known")
                    .contains("--key or PROMO_AGENT_KEY");
        }

        @Test
        void takesTheKeyFromPromoAgentKeyUnlessOneIsGiven() {
            Map<String, String> environment = Map.of("PROMO_AGENT_KEY", "stolen-key");

            assertThat(run(environment, "audit", "verify", "--url", url).err()).contains("does not accept the API key");
            assertThat(run(environment, "audit", "verify", "--key", key("analyst"), "--url", url).exitCode()).isZero();
        }

        @Test
        void refusesAnAddressThatIsNotHttp() {
            Run list = run("approvals", "list", "--url", "ws://localhost:8080/agent");

            assertThat(list.exitCode()).isEqualTo(PromoAgentCli.EXIT_USAGE);
            assertThat(list.err()).contains("--url must be an http:// or https:// address");
        }
    }

    @Nested
    class AuditVerify {

        @Test
        void findsTheServersChainIntactAndPrintsItsHeadAsAnAnchor() {
            propose("Create 25% VIP discount");

            Run verify = run("audit", "verify", "--url", url);

            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            AuditRecord head = engine.auditRecords(1, Integer.MAX_VALUE).get(engine.auditRecords(1, Integer.MAX_VALUE).size() - 1);
            assertThat(verify.out()).startsWith("Audit chain intact: ").contains("verified here")
                    .contains("--anchor ").contains("The server's own check: intact");
            String anchor = verify.out().lines().filter(l -> l.contains("--anchor ")).findFirst().orElseThrow()
                    .replaceAll(".*--anchor ", "");
            assertThat(anchor).matches("\\d+:[0-9a-f]{64}");
            assertThat(Long.parseLong(anchor.split(":")[0])).isLessThanOrEqualTo(head.sequence());
            assertThat(run("audit", "verify", "--anchor", anchor, "--url", url).exitCode()).isZero();
        }

        @Test
        void readsBackEveryRecordTheServerSendsExactlyAsStored() throws Exception {
            propose("Create 25% VIP discount");

            JsonNode records = audit().get("records");

            List<AuditRecord> stored = engine.auditRecords(1, Integer.MAX_VALUE);
            List<AuditRecord> read = new ArrayList<>();
            records.forEach(r -> read.add(AuditRecord.fromTree(r)));
            assertThat(read).isNotEmpty().containsExactlyElementsOf(stored.subList(0, read.size()));
        }

        @Test
        void printsItsVerdictAsJson() throws Exception {
            Run verify = run("audit", "verify", "--json", "--url", url);

            JsonNode verdict = ReplyJson.mapper().readTree(verify.out());
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("firstBadSequence").isNull()).isTrue();
            assertThat(verdict.get("head").get("hash").asText()).hasSize(64);
            assertThat(verdict.get("server").get("valid").asBoolean()).isTrue();
        }

        @Test
        void namesTheRecordWhoseFieldsWereChangedThoughTheServerSaysIntact() throws Exception {
            Run verify = againstTamperedCopy(records -> ((ObjectNode) records.get(2)).put("principal", "someone-else"));

            assertThat(verify.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(verify.out()).startsWith("Audit chain BROKEN at record 3: record 3 was changed: its hash is not"
                    + " the hash of its fields").contains("The server's own check: intact")
                    .contains("the records it sent are not the ones it checked");
        }

        @Test
        void namesTheRecordWhereOneWasRemoved() throws Exception {
            Run verify = againstTamperedCopy(records -> records.remove(1));

            assertThat(verify.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(verify.out()).startsWith("Audit chain BROKEN at record 2: record 2 is missing or out of place");
        }

        @Test
        void namesARecordThatIsNotAnAuditRecord() throws Exception {
            Run verify = againstTamperedCopy(records -> ((ObjectNode) records.get(1)).put("note", "added"));

            assertThat(verify.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(verify.out()).startsWith("Audit chain BROKEN at record 2: record 2 cannot be read:")
                    .contains("unknown fields [note]");
        }

        @Test
        void findsRecordsCutOffTheEndAgainstAnAnchor() throws Exception {
            JsonNode records = audit().get("records");
            JsonNode head = records.get(records.size() - 1);
            String anchor = head.get("sequence").asText() + ":" + head.get("hash").asText();

            // the copy ends just before the anchored record, though more were written since
            Run verify = againstTamperedCopy(copy -> {
                while (copy.size() >= head.get("sequence").asInt()) {
                    copy.remove(copy.size() - 1);
                }
            }, "--anchor", anchor);

            assertThat(verify.exitCode()).isEqualTo(PromoAgentCli.EXIT_FAILURE);
            assertThat(verify.out()).contains("BROKEN").contains("records were removed from its end");
        }

        @Test
        void refusesAnAnchorThatIsNotASequenceAndAHash() {
            Run verify = run("audit", "verify", "--anchor", "12", "--url", url);

            assertThat(verify.exitCode()).isEqualTo(PromoAgentCli.EXIT_USAGE);
            assertThat(verify.err()).contains("--anchor must be SEQUENCE:HASH");
        }

        private JsonNode audit() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/audit?from=1&limit=1000"))
                    .header("Authorization", "Bearer " + key("analyst")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return ReplyJson.mapper().readTree(response.body());
        }

        /**
         * Runs {@code audit verify} against a stand-in server that answers {@code /api/audit} with the real
         * server's answer, verdict included, after {@code tamper} changed its records.
         */
        private Run againstTamperedCopy(Consumer<ArrayNode> tamper, String... options) throws Exception {
            propose("Create 25% VIP discount");
            JsonNode audit = audit();
            assertThat(audit.get("records").size()).isGreaterThanOrEqualTo(3);
            tamper.accept((ArrayNode) audit.get("records"));
            byte[] body = audit.toString().getBytes(StandardCharsets.UTF_8);
            HttpServer copy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            copy.createContext("/api/audit", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            copy.start();
            try {
                List<String> args = new ArrayList<>(List.of("audit", "verify", "--url",
                        "http://127.0.0.1:" + copy.getAddress().getPort()));
                args.addAll(List.of(options));
                return run(args.toArray(String[]::new));
            } finally {
                copy.stop(0);
            }
        }
    }
}
