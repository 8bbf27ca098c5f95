package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.email.ConsentPolicy;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailSettings;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.InMemoryTransport;
import io.promoagent.email.Outbox;
import io.promoagent.email.SendEmailTool;
import io.promoagent.email.SendRate;
import io.promoagent.email.SuppressionList;
import io.promoagent.jdbc.store.JdbcApprovalStore;
import io.promoagent.jdbc.store.JdbcAuditStore;
import io.promoagent.jdbc.store.JdbcRecordWriter;
import io.promoagent.promotions.PromotionTools;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The demo's promotion and e-mail flows, unchanged, with customers, orders and promotions on PostgreSQL:
 * the demo data model with only its source's kind changed to {@code jdbc} (its DynamoDB indexes and bucket
 * fields stay, as hints), the test kit's demo data loaded, the tools reading through the PostgreSQL source
 * and writing through the PostgreSQL record writer. Propose, approve, apply, roll back.
 */
class FlowsOnPostgresTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);
    static final Principal MIA = Principal.of("mia", "marketer");
    static final Principal ADA = Principal.of("ada", "approver");
    static final Principal OTTO = Principal.of("otto", "approver");
    static final byte[] KEY = "jdbc-flows-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    DataModel model;
    DataFixture data;
    DataSource db;
    JdbcDataSource source;
    QueryEngine engine;
    JdbcRecordWriter writer;

    @BeforeEach
    void load() throws Exception {
        String yaml = new String(FlowsOnPostgresTest.class.getResourceAsStream(DemoShop.MODEL).readAllBytes(), StandardCharsets.UTF_8).replace("{id: dynamodb, kind: dynamodb}", "{id: dynamodb, kind: jdbc}");
        assertThat(yaml).contains("kind: jdbc");
        model = DataModelYaml.parse(yaml, "promotion-model-on-postgres.yaml");
        data = DataFixture.loadResources(model, DemoShop.class, DemoShop.DATA);
        db = TestDatabases.newDatabase("flows");
        JdbcTables.create(db, model, "dynamodb", NamingStrategy.AS_IS);
        for (Entity e : model.entities()) {
            JdbcTables.load(db, model, e, NamingStrategy.AS_IS, data.rows(e.name()));
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX promotions_code ON promotions (code)");
        }
        source = JdbcDataSource.builder(db, model).id("dynamodb").build();
        engine = QueryEngine.builder(model).source(source).clock(CLOCK).build();
        writer = JdbcRecordWriter.of(source);
    }

    @AfterEach
    void close() {
        source.close();
    }

    List<Row> promotionsWithCode(String code) {
        return engine.execute(QueryJson.read("{\"entity\":\"promotions\",\"where\":{\"type\":\"compare\",\"field\":\"code\","
                + "\"op\":\"eq\",\"value\":\"" + code + "\"}}")).rows();
    }

    ApplyResult approveAndApply(ApprovalService approvals, ChangeSet cs, Principal approver) {
        ApprovalTicket ticket = approvals.submit(cs, ToolContext.of(MIA, CLOCK));
        ApprovalGrant grant = approvals.approve(ticket.approvalId(), approver, "ok");
        return approvals.apply(grant, ToolContext.of(approver, CLOCK));
    }

    @Nested
    class Promotions {

        List<Tool> tools;
        ApprovalService approvals;

        JdbcAuditStore auditChain;
        JdbcApprovalStore approvalStore;

        @BeforeEach
        void tools() {
            tools = PromotionTools.create(model, engine, writer, CLOCK);
            JdbcAuditStore.createTable(db, "promo_agent_audit");
            JdbcApprovalStore.createTable(db, "promo_agent_approvals");
            auditChain = new JdbcAuditStore(db, "promo_agent_audit");
            approvalStore = new JdbcApprovalStore(db, "promo_agent_approvals");
            approvals = ApprovalService.builder(ToolRegistry.builder().registerAll(tools).build(), KEY).clock(CLOCK)
                    .store(approvalStore).audit(new ChainedAuditSink(auditChain)).build();
        }

        ChangeSet propose(String tool, String json) throws Exception {
            Tool t = tools.stream().filter(x -> x.descriptor().name().equals(tool)).findFirst().orElseThrow();
            return ((io.promoagent.core.tool.WriteTool) t).propose(ToolCall.of(tool, JSON.readTree(json)), ToolContext.of(MIA, CLOCK));
        }

        @Test
        void aVipDiscountIsProposedWithItsAudienceAppliedOnceApprovedAndRolledBack() throws Exception {
            long vips = data.rows("customers").stream().filter(r -> "VIP".equals(r.valueOrNull("segment"))).count();
            ChangeSet cs = propose(PromotionTools.CREATE, "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}");
            String code = cs.preview().at("/promotion/code").asText();

            assertThat(cs.preview().at("/impact/audience/size").asLong()).isEqualTo(vips);
            assertThat(promotionsWithCode(code)).isEmpty();

            approveAndApply(approvals, cs, ADA);
            assertThat(promotionsWithCode(code)).singleElement()
                    .satisfies(r -> assertThat((java.math.BigDecimal) r.valueOrNull("discount_value"))
                            .isEqualByComparingTo("25"));

            ApprovalTicket undo = approvals.proposeRollback(cs.id(), ADA);
            approvals.apply(approvals.approve(undo.approvalId(), OTTO, "undo"), ToolContext.of(OTTO, CLOCK));
            assertThat(promotionsWithCode(code)).isEmpty();

            // the approvals and the audit chain live in PostgreSQL too
            assertThat(approvalStore.list()).hasSize(2);
            assertThat(approvalStore.findByChangeSet(cs.id())).isPresent();
            assertThat(AuditVerifier.verify(auditChain).valid()).isTrue();
            assertThat(auditChain.all()).hasSizeGreaterThanOrEqualTo(6);
        }

        @Test
        void anApprovalIsAppliedOnceEvenWhenTwoInstancesApplyItAtOnce() throws Exception {
            ChangeSet cs = propose(PromotionTools.CHANGE_STATUS, "{\"code\":\"SUMMER25\",\"status\":\"paused\"}");
            ApprovalTicket ticket = approvals.submit(cs, ToolContext.of(MIA, CLOCK));
            ApprovalGrant grant = approvals.approve(ticket.approvalId(), ADA, "ok");
            ApprovalService other = ApprovalService.builder(ToolRegistry.builder().registerAll(tools).build(), KEY)
                    .clock(CLOCK).store(new JdbcApprovalStore(db, "promo_agent_approvals"))
                    .audit(new ChainedAuditSink(new JdbcAuditStore(db, "promo_agent_audit"))).build();

            approvals.apply(grant, ToolContext.of(ADA, CLOCK));
            assertThatThrownBy(() -> other.apply(grant, ToolContext.of(ADA, CLOCK))).isInstanceOf(ApprovalException.class);
            assertThat(promotionsWithCode("SUMMER25").get(0).valueOrNull("status")).isEqualTo("paused");
            assertThat(AuditVerifier.verify(auditChain).valid()).isTrue();
        }

        @Test
        void pausingSummer25UpdatesTheRowAndTheRollbackRestoresItsBeforeImage() throws Exception {
            Row before = promotionsWithCode("SUMMER25").get(0);
            ChangeSet cs = propose(PromotionTools.CHANGE_STATUS, "{\"code\":\"SUMMER25\",\"status\":\"paused\"}");

            approveAndApply(approvals, cs, ADA);
            assertThat(promotionsWithCode("SUMMER25").get(0).valueOrNull("status")).isEqualTo("paused");

            ApprovalTicket undo = approvals.proposeRollback(cs.id(), ADA);
            approvals.apply(approvals.approve(undo.approvalId(), OTTO, "undo"), ToolContext.of(OTTO, CLOCK));
            assertThat(promotionsWithCode("SUMMER25").get(0)).isEqualTo(before);
        }

        @Test
        void aChangeMadeBehindTheApprovalsBackIsAConflictAndNothingIsWritten() throws Exception {
            ChangeSet cs = propose(PromotionTools.CHANGE_STATUS, "{\"code\":\"SUMMER25\",\"status\":\"paused\"}");
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE promotions SET budget = budget + 1 WHERE code = 'SUMMER25'");
            }

            assertThatThrownBy(() -> approveAndApply(approvals, cs, ADA))
                    .isInstanceOf(ApprovalException.class).hasMessageContaining("changed since the preview");
            assertThat(promotionsWithCode("SUMMER25").get(0).valueOrNull("status")).isEqualTo("active");
        }
    }

    @Nested
    class Email {

        @Test
        void anEmailToTheVipsGoesOutOnceApprovedToTheReachableOnesReadFromPostgres() throws Exception {
            InMemoryTransport transport = new InMemoryTransport(CLOCK);
            Outbox outbox = new Outbox(new InMemoryOutboxStore(), transport, SendRate.unlimited());
            EmailSettings settings = new EmailSettings(EmailAddress.of("offers@shop.example.com", "Example Shop"),
                    "1 Market Street, Springfield", "https://shop.example.com/unsubscribe",
                    "unsubscribe-key-unsubscribe-key-0123456789".getBytes(StandardCharsets.UTF_8), Set.of(), 10_000);
            SendEmailTool tool = new SendEmailTool(model, engine, ConsentPolicy.demo(SuppressionList.of()), settings, outbox);
            ApprovalService approvals = ApprovalService.builder(ToolRegistry.of(tool), KEY).clock(CLOCK).build();
            List<String> reachable = data.rows("customers").stream()
                    .filter(r -> "VIP".equals(r.valueOrNull("segment")) && Boolean.TRUE.equals(r.valueOrNull("marketing_opt_in"))
                            && "ok".equals(r.valueOrNull("email_status")))
                    .map(r -> (String) r.valueOrNull("email")).toList();

            ChangeSet cs = tool.propose(ToolCall.of("send_email", JSON.readTree("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}")),
                    ToolContext.of(MIA, CLOCK));
            assertThat(cs.affectedCount()).isEqualTo(reachable.size()).isPositive();
            assertThat(transport.sent()).isEmpty();

            approveAndApply(approvals, cs, ADA);

            assertThat(transport.sent()).extracting(m -> m.to().address()).containsExactlyInAnyOrderElementsOf(reachable);
        }
    }
}
