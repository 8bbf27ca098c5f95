package io.promoagent.email;

import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.test.ChangeAtApply;
import io.promoagent.test.DataFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A world for send_email in which the data can change between preview and apply: the demo data in a
 * mutable record store read through the query engine, a clock tests move, an in-memory transport that
 * keeps what left, and an approval service whose approvals wait 90 days (so that a test can let a
 * promotion end meanwhile). A fresh one per test.
 */
final class Mailroom {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final Principal APPROVER = Principal.of("ada", "approver");

    final MutableClock clock = new MutableClock();
    final InMemoryRecordStore store = InMemoryRecordStore.builder(MODEL).rows(DATA.rows()).build();
    final QueryEngine engine = QueryEngine.builder(MODEL).source(store).clock(clock).build();
    final InMemoryTransport transport = new InMemoryTransport(clock);
    final SendEmailTool tool;
    final ApprovalService approvals;
    /** The tool as the approval service applies it: a change set here lands after the service's own checks. */
    final ChangeAtApply racing;

    Mailroom() {
        this(new InMemoryOutboxStore());
    }

    /** A world whose outbox keeps its entries in {@code outboxStore}. */
    Mailroom(OutboxStore outboxStore) {
        EmailSettings settings = new EmailSettings(EmailAddress.of("offers@shop.example.com", "Example Shop"),
                "1 Market Street, Springfield", "https://shop.example.com/unsubscribe",
                "unsubscribe-key-unsubscribe-key-0123456789".getBytes(StandardCharsets.UTF_8), Set.of("team@shop.example.com"), 10_000);
        Outbox outbox = new Outbox(outboxStore, transport, SendRate.unlimited());
        tool = new SendEmailTool(MODEL, engine, ConsentPolicy.demo(SuppressionList.of()), settings, outbox);
        racing = new ChangeAtApply(tool);
        approvals = ApprovalService.builder(ToolRegistry.of(racing), "approval-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .clock(clock).expiry(Duration.ofDays(90)).grantTtl(Duration.ofDays(90)).build();
    }

    /** The marketer's send_email proposal for these arguments. */
    ChangeSet propose(String json) {
        return tool.propose(ToolCall.of("send_email", QueryJson.parse(json)), ToolContext.of(MARKETER, clock));
    }

    /** Submits a proposal as the marketer. */
    ApprovalTicket submit(ChangeSet cs) {
        return approvals.submit(cs, ToolContext.of(MARKETER, clock));
    }

    /** The approver approves and applies. */
    void approveAndApply(ApprovalTicket ticket) {
        approvals.apply(approvals.approve(ticket.approvalId(), APPROVER, "ok"), ToolContext.of(APPROVER, clock));
    }

    /** The stored record of {@code entity} whose {@code field} is {@code value}. */
    Row only(String entity, String field, Object value) {
        return store.rows(entity).stream().filter(r -> value.equals(r.valueOrNull(field))).findFirst().orElseThrow();
    }

    /** Updates one stored record as another user of the store would, conditional on its version. */
    void edit(String entity, String id, Consumer<Map<String, Object>> edit) {
        Row before = only(entity, "id", id);
        Map<String, Object> after = new LinkedHashMap<>(before.values());
        edit.accept(after);
        store.write(List.of(AffectedRecord.update(entity, Map.of("id", id), before, Row.of(after),
                RecordVersion.of(MODEL.requireEntity(entity), before))), "edit-" + System.nanoTime() % 1_000_000_000);
    }

    /** Creates a promotion, a copy of {@code like} with another id, code and changes. */
    void createPromotion(String like, String id, Consumer<Map<String, Object>> edit) {
        Map<String, Object> row = new LinkedHashMap<>(only("promotions", "code", like).values());
        row.put("id", id);
        edit.accept(row);
        store.write(List.of(AffectedRecord.create("promotions", Map.of("id", id), Row.of(row))), "create-" + id);
    }

    /** Deletes a promotion, as the rollback of its creation does. */
    void deletePromotion(String code) {
        Row before = only("promotions", "code", code);
        store.write(List.of(AffectedRecord.delete("promotions", Map.of("id", before.valueOrNull("id")), before,
                RecordVersion.of(MODEL.requireEntity("promotions"), before))), "delete-" + code);
    }
}
