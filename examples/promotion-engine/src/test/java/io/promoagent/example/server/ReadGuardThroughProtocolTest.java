package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.app.ReadLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read guard and "explain" over the page's protocol, on the real demo engine whose customers table (60
 * items) counts as large here: a read that scans it is held, and only the person's own {@code confirm_read}
 * message on their connection runs it, once; a table's {@code explain} button and "explain REQUEST" answer in
 * words before anything is read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadGuardThroughProtocolTest {

    private PromotionEngine engine;
    private AgentProtocol protocol;
    private final List<JsonNode> sent = new ArrayList<>();
    private final Outbound out = json -> sent.add(read(json));
    private int requests;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 60, LocalDate.of(2026, 6, 30))
                .withReadLimits(new ReadLimits(ReadBudget.DEFAULTS.withLargeTableItems(10), ReadPricing.defaults())));
        protocol = new AgentProtocol(engine, new InMemorySessionDirectory());
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @BeforeEach
    void clear() {
        sent.clear();
    }

    private static JsonNode read(String json) {
        try {
            return ServerMessages.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String key(String user) {
        return engine.demoUsers().stream().filter(u -> u.principal().id().equals(user)).findFirst().orElseThrow().apiKey();
    }

    private ConnectionState connect(String user) {
        return protocol.open("c-" + user + requests, Optional.of(key(user)), out);
    }

    /** Sends one message and returns the reply to it. */
    private JsonNode send(ConnectionState state, ObjectNode message) {
        String id = "r" + (++requests);
        message.put("id", id);
        protocol.handle(state, message.toString(), out);
        JsonNode answer = sent.get(sent.size() - 1);
        assertThat(answer.path("id").asText()).isEqualTo(id);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("reply");
        return answer.get("reply");
    }

    private JsonNode ask(ConnectionState state, String text) {
        return send(state, ServerMessages.mapper().createObjectNode().put("type", "ask").put("text", text));
    }

    private JsonNode confirm(ConnectionState state, String handle) {
        return send(state, ServerMessages.mapper().createObjectNode().put("type", "confirm_read").put("handle", handle));
    }

    private static List<JsonNode> blocks(JsonNode reply, String type) {
        List<JsonNode> found = new ArrayList<>();
        reply.path("blocks").forEach(b -> {
            if (b.path("type").asText().equals(type)) {
                found.add(b);
            }
        });
        return found;
    }

    private List<String> holdOutcomes() {
        return engine.auditRecords(1, Integer.MAX_VALUE).stream().filter(r -> r.action() == AuditAction.READ_HOLD)
                .map(AuditRecord::outcome).toList();
    }

    /** The last explanation audited: a person was shown what a read would read, instead of reading it. */
    private AuditRecord lastExplained() {
        List<AuditRecord> explained = engine.auditRecords(1, Integer.MAX_VALUE).stream()
                .filter(r -> r.action() == AuditAction.READ_EXPLAINED).toList();
        assertThat(explained).isNotEmpty();
        AuditRecord last = explained.get(explained.size() - 1);
        assertThat(last.outcome()).isEqualTo("explained");
        assertThat(last.tool()).isEqualTo("query");
        return last;
    }

    @Test
    void aScanOfALargeTableWaitsForThePersonsConfirmationThenRunsOnce() {
        ConnectionState mia = connect(DemoUsers.MARKETER.id());
        int audited = holdOutcomes().size();

        JsonNode held = ask(mia, "list all customers");

        assertThat(blocks(held, "table")).isEmpty();
        JsonNode block = blocks(held, "held_read").get(0);
        assertThat(held.path("text").asText()).startsWith("This read was not run: it scans the whole customers table (60 items");
        assertThat(block.path("estimate").asText()).contains("Scan on customers").contains("read units");
        String handle = block.path("handle").asText();

        JsonNode confirmed = confirm(mia, handle);
        JsonNode again = confirm(mia, handle);

        assertThat(confirmed.path("text").asText()).startsWith("Confirmed.");
        assertThat(blocks(confirmed, "table").get(0).path("total").asLong()).isEqualTo(60);
        assertThat(blocks(again, "error").get(0).path("code").asText()).isEqualTo("already_confirmed");
        assertThat(holdOutcomes().subList(audited, holdOutcomes().size())).containsExactly("held", "confirmed", "run");
        assertThat(engine.verifyAudit().valid()).isTrue();
    }

    @Test
    void nobodyElseAndNoForgedHandleCanConfirm() {
        ConnectionState mia = connect(DemoUsers.MARKETER.id());
        ConnectionState ana = connect(DemoUsers.ANALYST.id());
        String handle = blocks(ask(mia, "list all customers"), "held_read").get(0).path("handle").asText();

        JsonNode other = confirm(ana, handle);
        JsonNode forged = confirm(mia, "not-a-handle-at-all");

        // a held read is kept in its conversation, and another person's connection is another conversation
        assertThat(blocks(other, "error").get(0).path("code").asText()).isEqualTo("unknown_hold");
        assertThat(blocks(forged, "error").get(0).path("code").asText()).isEqualTo("unknown_hold");
        assertThat(blocks(confirm(mia, handle), "table")).hasSize(1);
    }

    @Test
    void aTablesExplainButtonDescribesItsQueryWithoutReading() {
        ConnectionState ana = connect(DemoUsers.ANALYST.id());
        JsonNode table = blocks(ask(ana, "Show VIP customers"), "table").get(0);
        assertThat(table.path("query").path("entity").asText()).isEqualTo("customers");

        ObjectNode explain = ServerMessages.mapper().createObjectNode().put("type", "explain");
        explain.set("query", table.get("query"));
        JsonNode reply = send(ana, explain);

        assertThat(reply.path("text").asText()).startsWith("How this table is read (nothing was read to explain it): ")
                .contains("customers").contains("1. dynamodb:").contains("read units").doesNotContain("\"entity\"");
        assertThat(blocks(reply, "table")).isEmpty();
        AuditRecord explained = lastExplained();
        assertThat(explained.principal()).isEqualTo(DemoUsers.ANALYST.id());
        assertThat(explained.detail()).contains("read units").endsWith("within the read budget");
    }

    @Test
    void anInsightTablesExplainButtonDescribesEachOfItsReadsWithoutReading() {
        ConnectionState ana = connect(DemoUsers.ANALYST.id());
        // promotion_performance asks the guard too: SUMMER25's uplift reads its audience, a scan of the customers
        JsonNode held = ask(ana, "how did SUMMER25 perform");
        assertThat(blocks(held, "table")).isEmpty();
        JsonNode hold = blocks(held, "held_read").get(0);
        assertThat(hold.path("estimate").asText()).contains("Scan on customers");
        JsonNode table = blocks(confirm(ana, hold.path("handle").asText()), "table").get(0);
        assertThat(table.has("query")).isFalse();
        JsonNode reads = table.path("reads");
        assertThat(reads.size()).isGreaterThanOrEqualTo(2);
        assertThat(reads.get(0).path("purpose").asText()).isEqualTo("promotions: every promotion's terms, status and budget");
        long explainedBefore = explainedCount();
        long auditedBefore = engine.auditRecords(1, Integer.MAX_VALUE).size();

        ObjectNode explain = ServerMessages.mapper().createObjectNode().put("type", "explain");
        explain.set("reads", reads);
        JsonNode reply = send(ana, explain);

        String text = reply.path("text").asText();
        assertThat(text).startsWith("How this table is read (nothing was read to explain it): " + reads.size() + " reads")
                .contains("Read 1 of " + reads.size() + ", promotions: every promotion's terms, status and budget: ")
                .contains("Read 2 of " + reads.size() + ", orders: the orders carrying the code SUMMER25")
                .contains("1. dynamodb:").contains("Together: ").doesNotContain("\"entity\"");
        assertThat(blocks(reply, "table")).isEmpty();
        // one explanation audited per read, and nothing else: no tool ran
        assertThat(explainedCount() - explainedBefore).isEqualTo(reads.size());
        assertThat(engine.auditRecords(1, Integer.MAX_VALUE)).hasSize((int) auditedBefore + reads.size());
    }

    @Test
    void anExplainOfReadsThatDoNotFitTheModelSaysWhichReadWithoutAStackTrace() {
        ConnectionState ana = connect(DemoUsers.ANALYST.id());
        ObjectNode explain = ServerMessages.mapper().createObjectNode().put("type", "explain");
        explain.putArray("reads").add(ServerMessages.mapper().createObjectNode().set("query",
                        ServerMessages.mapper().createObjectNode().put("entity", "customers")))
                .add(ServerMessages.mapper().createObjectNode().set("query",
                        ServerMessages.mapper().createObjectNode().put("entity", "custmers")));

        JsonNode error = blocks(send(ana, explain), "error").get(0);

        assertThat(error.path("code").asText()).isEqualTo("not_explained");
        assertThat(error.path("message").asText()).startsWith("read 2: ").contains("custmers")
                .doesNotContain("Exception").doesNotContain("at io.");
    }

    private long explainedCount() {
        return engine.auditRecords(1, Integer.MAX_VALUE).stream().filter(r -> r.action() == AuditAction.READ_EXPLAINED).count();
    }

    @Test
    void explainBeforeARequestSaysTheGuardWouldAskAndReadsNothing() {
        ConnectionState mia = connect(DemoUsers.MARKETER.id());
        int audited = holdOutcomes().size();

        JsonNode reply = ask(mia, "explain list all customers");

        assertThat(reply.path("text").asText()).startsWith("How I would answer \"list all customers\" (without running it)")
                .contains("Scan on customers").contains("It would wait for your confirmation before reading");
        assertThat(blocks(reply, "held_read")).isEmpty();
        assertThat(blocks(reply, "table")).isEmpty();
        assertThat(holdOutcomes()).hasSize(audited);
        assertThat(lastExplained().detail()).contains("it would be held: it scans the whole customers table");
        assertThat(engine.verifyAudit().valid()).isTrue();
    }

    @Test
    void anExplainMessageMustCarryAQueryObject() {
        ConnectionState ana = connect(DemoUsers.ANALYST.id());

        protocol.handle(ana, "{\"type\":\"explain\",\"id\":\"x1\",\"query\":\"customers\"}", out);

        assertThat(sent.get(sent.size() - 1).path("code").asText()).isEqualTo("bad_request");
    }
}
