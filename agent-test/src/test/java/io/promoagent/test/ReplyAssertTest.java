package io.promoagent.test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.ToolEffect;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplyAssertTest {

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static final TableBlock VIPS = new TableBlock("customers", List.of("id", "name", "segment", "total_spent"),
            List.of(row("id", "C00040", "name", "John Smith", "segment", "VIP", "total_spent", new BigDecimal("2341.41")),
                    row("id", "C00007", "name", "Ana Diaz", "segment", "VIP", "total_spent", new BigDecimal("2000.00"))),
            12);

    private static ApprovalBlock approval(String status) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        arguments.put("name", "VIP 25").putObject("discount").put("type", "percent").put("value", new BigDecimal("25"));
        return new ApprovalBlock("A1", "CS1", "create_promotion", ToolEffect.WRITE,
                "Create promotion VIP 25: 25% off for VIP customers", 1, arguments, null, status);
    }

    private static Reply reply(io.promoagent.core.reply.Block... blocks) {
        return new Reply("Here you are.", List.of(blocks), new Usage(2, 700, 57, 1, 12));
    }

    @Nested
    class Tables {

        @Test
        void passWhenTheTableMatches() {
            ReplyAssert.assertThat(reply(VIPS))
                    .hasTable("customers")
                    .withRowCount(2)
                    .withTotal(12)
                    .withColumns("id", "name", "segment", "total_spent")
                    .withColumn("segment")
                    .withoutColumn("email")
                    .allRowsHave("segment", "VIP")
                    .allRowsMatch(r -> ((BigDecimal) r.get("total_spent")).compareTo(new BigDecimal(2000)) >= 0, "big spenders")
                    .hasRowWith("total_spent", 2000)
                    .and().hasNoErrors();
        }

        @Test
        void failNamingWhatTheReplyHasInstead() {
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("orders"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected a table of 'orders' but the reply has blocks: table of customers (2 rows)");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply()).hasTable("orders"))
                    .hasMessageContaining("no blocks");
        }

        @Test
        void failOnTheWrongCountsColumnsOrValues() {
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("customers").withRowCount(3))
                    .hasMessageContaining("to show 3 row(s) but it shows 2");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("customers").withTotal(2))
                    .hasMessageContaining("report 2 matching row(s) but it reports 12");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("customers").withoutColumn("name"))
                    .hasMessageContaining("no column 'name'");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("customers").allRowsHave("name", "John Smith"))
                    .hasMessageContaining("row 1 has Ana Diaz");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasTable("customers").hasRowWith("total_spent", 5))
                    .hasMessageContaining("total_spent = 5");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(VIPS)).hasNoTable())
                    .hasMessageContaining("Expected no table");
        }
    }

    @Nested
    class Approvals {

        @Test
        void passWhenTheRequestMatches() {
            ReplyAssert.assertThat(reply(approval("pending")))
                    .hasApprovalFor("create_promotion")
                    .withEffect(ToolEffect.WRITE)
                    .withAffectedCount(1)
                    .isPending()
                    .withSummaryContaining("25% off")
                    .withArgument("/discount/value", 25)
                    .withArgument("/name", "VIP 25")
                    .and().hasNoWrites();
        }

        @Test
        void failOnAnotherToolOrTheWrongDetail() {
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending"))).hasApprovalFor("send_email"))
                    .hasMessageContaining("approval for create_promotion (pending)");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("refused")))
                    .hasApprovalFor("create_promotion").isPending())
                    .hasMessageContaining("to be pending but it is refused");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending")))
                    .hasApprovalFor("create_promotion").withEffect(ToolEffect.SEND))
                    .hasMessageContaining("to send but it would write");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending")))
                    .hasApprovalFor("create_promotion").withArgument("/discount/value", 20))
                    .hasMessageContaining("/discount/value = 20");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending")))
                    .hasApprovalFor("create_promotion").withArgument("/budget", 20))
                    .hasMessageContaining("to have /budget");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending"))).hasNoApprovals())
                    .hasMessageContaining("Expected no approval request");
        }
    }

    @Nested
    class NoWrites {

        @Test
        void holdWhileEveryApprovalWaitsOrWasRefused() {
            ReplyAssert.assertThat(reply(approval("pending"), approval("refused"), VIPS)).hasNoWrites();
            ReplyAssert.assertThat(reply(VIPS)).hasNoWrites(new InMemoryAuditSink());
        }

        @Test
        void failWhenTheReplyReportsAnAppliedChange() {
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("applied"))).hasNoWrites())
                    .hasMessageContaining("'create_promotion' (approval A1) is applied");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("approved"))).hasNoWrites())
                    .hasMessageContaining("is approved");
        }

        @Test
        void failWhenTheAuditTrailRecordsAnApplyWhateverTheReplySays() {
            InMemoryAuditSink audit = new InMemoryAuditSink();
            audit.record(new AuditEvent(Instant.parse("2026-06-30T10:00:00Z"), AuditAction.APPLY, "alice", "s1", "r1",
                    "create_promotion", Optional.of(ToolEffect.WRITE), null, "applied", Optional.of("CS1"),
                    Optional.of("A1"), 1, ""));

            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(approval("pending"))).hasNoWrites(audit))
                    .hasMessageContaining("audit trail records apply of create_promotion by 'alice'");
        }
    }

    @Nested
    class ErrorsAndClarifications {

        private final Reply unknownField = reply(new ErrorBlock("unknown_field", "customers has no field 'spend'",
                List.of("total_spent", "segment")));

        @Test
        void passWhenTheyMatch() {
            ReplyAssert.assertThat(unknownField).hasError("unknown_field")
                    .withMessageContaining("no field 'SPEND'")
                    .withSuggestions("total_spent", "segment")
                    .withFirstSuggestion("total_spent");
            ReplyAssert.assertThat(reply(new ClarificationBlock("Which John?", List.of("John Smith", "John Moore"))))
                    .hasClarification()
                    .withMessageContaining("which john")
                    .withOptions("John Smith", "John Moore")
                    .withOptionCount(2)
                    .and().hasNoErrors().hasNoApprovals();
        }

        @Test
        void failWhenTheyDoNot() {
            assertThatThrownBy(() -> ReplyAssert.assertThat(unknownField).hasError("unknown_entity"))
                    .hasMessageContaining("error unknown_field (customers has no field 'spend')");
            assertThatThrownBy(() -> ReplyAssert.assertThat(unknownField).hasError("unknown_field").withFirstSuggestion("segment"))
                    .hasMessageContaining("suggest 'segment' first");
            assertThatThrownBy(() -> ReplyAssert.assertThat(unknownField).hasNoErrors())
                    .hasMessageContaining("Expected no error");
            assertThatThrownBy(() -> ReplyAssert.assertThat(unknownField).hasClarification())
                    .hasMessageContaining("Expected a clarification");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply(new ClarificationBlock("Which John?", List.of("A"))))
                    .hasClarification().withOptions("A", "B"))
                    .hasMessageContaining("to offer [A, B] but it offers [A]");
        }
    }

    @Nested
    class TextMetricsAndUsage {

        @Test
        void passWhenTheyMatch() {
            ReplyAssert.assertThat(reply(new MetricBlock("revenue", new BigDecimal("1250.50"))))
                    .hasTextContaining("here you")
                    .hasMetric("revenue", new BigDecimal("1250.5"))
                    .hasModelCalls(2)
                    .hasToolCalls(1)
                    .hasTokens(700, 57);
        }

        @Test
        void failWhenTheyDoNot() {
            Reply reply = reply(new MetricBlock("revenue", null));
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasTextContaining("sorry"))
                    .hasMessageContaining("to contain \"sorry\"");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasMetric("revenue", BigDecimal.ONE))
                    .hasMessageContaining("it was undefined");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasMetric("margin", BigDecimal.ONE))
                    .hasMessageContaining("metric revenue");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasModelCalls(1))
                    .hasMessageContaining("1 model call(s) but usage reports 2");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasToolCalls(0))
                    .hasMessageContaining("0 tool call(s) but usage reports 1");
            assertThatThrownBy(() -> ReplyAssert.assertThat(reply).hasTokens(700, 0))
                    .hasMessageContaining("but usage reports 700 and 57");
        }
    }

    @Nested
    class Json {

        @Test
        void passesForAReplyThatReadsBackUnchanged() {
            ReplyAssert.assertThat(reply(VIPS, approval("pending"), new MetricBlock("revenue", new BigDecimal("1250.50")),
                    new ClarificationBlock("Which John?", List.of("John Smith")))).survivesJson();
        }
    }
}
