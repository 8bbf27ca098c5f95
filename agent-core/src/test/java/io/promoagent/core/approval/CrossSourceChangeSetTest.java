package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.ToolException;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.change.PerSourceRecordWriter;
import io.promoagent.core.change.WriteState;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Writes stay per source: a change set whose records live in two sources of the data model is refused when
 * it is proposed, with the entities and sources named, unless its tool declares how it makes that safe.
 */
class CrossSourceChangeSetTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final byte[] KEY = "cross-source-test-signing-key-0123456789".getBytes(StandardCharsets.UTF_8);

    /** Products in PostgreSQL, their stock and the customers in DynamoDB. */
    static final DataModel MODEL = DataModel.builder()
            .source("pg", "jdbc").source("ddb", "dynamodb")
            .entity(Entity.builder("products").source("pg").key("id").field("id", FieldType.STRING)
                    .field("name", FieldType.STRING).build())
            .entity(Entity.builder("stock").source("ddb").key("id").field("id", FieldType.STRING)
                    .field("count", FieldType.INTEGER).build())
            .entity(Entity.builder("customers").source("ddb").key("id").field("id", FieldType.STRING).build())
            .build();

    /** Creates the records {@code entities} name ("products", "stock", "customers:send"), one each. */
    record Writer(List<String> entities, Optional<String> safety) implements WriteTool {

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.of("add_product", "Adds a product and its stock.",
                    JsonNodeFactory.instance.objectNode().put("type", "object"), ToolEffect.WRITE);
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            List<AffectedRecord> affected = entities.stream().map(e -> e.endsWith(":send")
                    ? AffectedRecord.send(e.substring(0, e.indexOf(':')), Map.of("id", "c1"))
                    : AffectedRecord.create(e, Map.of("id", "p1"), Row.of(Map.of("id", "p1")))).toList();
            return changeSet(call, context).summary("Add a product").affected(affected).build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            throw new ToolException("not applied in this test");
        }

        @Override
        public Optional<String> crossSourceSafety() {
            return safety;
        }
    }

    private static ApprovalService approvals(WriteTool tool, InMemoryAuditSink audit, boolean withModel) {
        ApprovalService.Builder b = ApprovalService.builder(ToolRegistry.of(tool), KEY).audit(audit);
        return (withModel ? b.dataModel(MODEL) : b).build();
    }

    private static ChangeSet proposal(WriteTool tool) {
        return tool.propose(ToolCall.of("add_product", JsonNodeFactory.instance.objectNode()), ToolContext.of(MARKETER));
    }

    @Nested
    class AtProposal {

        @Test
        void aChangeSetWritingTwoSourcesIsRefusedNamingThemAndAudited() {
            Writer tool = new Writer(List.of("products", "stock"), Optional.empty());
            InMemoryAuditSink audit = new InMemoryAuditSink();
            ApprovalService approvals = approvals(tool, audit, true);

            assertThatThrownBy(() -> approvals.submit(proposal(tool), ToolContext.of(MARKETER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApprovalException.CROSS_SOURCE);
                        assertThat(e.getMessage()).contains("'add_product'", "2 sources", "products in 'pg'",
                                "stock in 'ddb'", "declares how it is made safe");
                    });
            assertThat(approvals.list()).isEmpty();
            assertThat(audit.events()).extracting(AuditEvent::outcome).containsExactly("refused:cross_source_write");
        }

        @Test
        void aToolThatDeclaresHowItIsMadeSafeMayProposeIt() {
            Writer tool = new Writer(List.of("products", "stock"),
                    Optional.of("writes the stock first and deletes it again if the product cannot be written"));
            ApprovalService approvals = approvals(tool, new InMemoryAuditSink(), true);

            ApprovalTicket ticket = approvals.submit(proposal(tool), ToolContext.of(MARKETER));

            assertThat(approvals.record(ticket.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        }

        @Test
        void oneSourceAndThePeopleSentToOfAnotherArePassed() {
            Writer tool = new Writer(List.of("stock", "customers", "products:send"), Optional.empty());
            ApprovalService approvals = approvals(tool, new InMemoryAuditSink(), true);

            assertThat(approvals.submit(proposal(tool), ToolContext.of(MARKETER)).status()).isEqualTo(ApprovalStatus.PENDING);
        }

        @Test
        void withoutADataModelChangeSetsAreNotCheckedBySource() {
            Writer tool = new Writer(List.of("products", "stock"), Optional.empty());
            ApprovalService approvals = approvals(tool, new InMemoryAuditSink(), false);

            assertThat(approvals.submit(proposal(tool), ToolContext.of(MARKETER)).status()).isEqualTo(ApprovalStatus.PENDING);
        }
    }

    @Nested
    class AtWrite {

        private final InMemoryRecordStore pg = InMemoryRecordStore.builder(MODEL).source("pg").build();
        private final InMemoryRecordStore ddb = InMemoryRecordStore.builder(MODEL).source("ddb").build();
        private final PerSourceRecordWriter writer = PerSourceRecordWriter.builder(MODEL).source("pg", pg).source("ddb", ddb).build();

        @Test
        void eachWriteGoesToTheStoreOfItsSource() {
            writer.write(List.of(AffectedRecord.create("stock", Map.of("id", "p1"), Row.of(Map.of("id", "p1", "count", java.math.BigDecimal.valueOf(3))))), "t-1");

            assertThat(ddb.written("t-1")).isEqualTo(WriteState.WRITTEN);
            assertThat(pg.written("t-1")).isNotEqualTo(WriteState.WRITTEN);
            assertThat(writer.written("t-1")).isEqualTo(WriteState.WRITTEN);
        }

        @Test
        void aWriteSpanningTwoSourcesIsRefusedBeforeAnythingIsWritten() {
            assertThatThrownBy(() -> writer.write(List.of(
                    AffectedRecord.create("stock", Map.of("id", "p1"), Row.of(Map.of("id", "p1", "count", java.math.BigDecimal.valueOf(3)))),
                    AffectedRecord.create("products", Map.of("id", "p1"), Row.of(Map.of("id", "p1", "name", "Mug")))), "t-2"))
                    .isInstanceOf(ToolException.class).hasMessageContaining("2 sources (ddb, pg)");
            assertThat(writer.written("t-2")).isNotEqualTo(WriteState.WRITTEN);
        }
    }
}
