package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.schema.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --data-dir}: the engine over DynamoDB Local kept in a folder, so that the data, the
 * approvals and the audit chain outlive the process.
 */
class DataDirectoryTest {

    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static final Principal ANALYST = DemoUsers.ANALYST;
    static final Principal MARKETER = DemoUsers.MARKETER;
    static final Principal APPROVER = DemoUsers.APPROVER;

    @TempDir
    Path folder;

    private EngineOptions options() {
        return EngineOptions.demo(42, 120, NOW).withDataDir(folder);
    }

    private static Reply ask(PromotionEngine engine, Principal who, String text) {
        return engine.ask(who, UUID.randomUUID().toString(), text, progress -> { });
    }

    private static List<Object> codesOfPromotions(PromotionEngine engine) {
        Reply reply = ask(engine, ANALYST, "list all promotions");
        assertThat(reply.blocks(ErrorBlock.class)).isEmpty();
        return reply.blocks(TableBlock.class).get(0).rows().stream().map(r -> r.get("code")).toList();
    }

    @Nested
    class AcrossARestart {

        @Test
        void an_applied_promotion_its_approval_and_the_audit_chain_are_still_there() {
            String approvalId;
            int auditRecords;
            List<Object> codes;
            try (PromotionEngine first = PromotionEngine.start(options())) {
                List<Object> before = codesOfPromotions(first);
                Reply proposal = ask(first, MARKETER, "Create 25% VIP discount");
                approvalId = proposal.blocks(ApprovalBlock.class).get(0).approvalId();
                Reply approved = first.approve(APPROVER, approvalId, "fine");
                assertThat(approved.blocks(ErrorBlock.class)).isEmpty();
                codes = codesOfPromotions(first);
                assertThat(codes).hasSize(before.size() + 1).containsAll(before);
                auditRecords = first.auditRecords(1, Integer.MAX_VALUE).size();
                assertThat(first.verifyAudit().valid()).isTrue();
            }

            try (PromotionEngine second = PromotionEngine.start(options())) {
                assertThat(second.auditRecords(1, Integer.MAX_VALUE)).hasSize(auditRecords);
                assertThat(codesOfPromotions(second)).containsExactlyInAnyOrderElementsOf(codes);
                assertThat(second.approvals()).filteredOn(a -> a.approvalId().equals(approvalId)).singleElement()
                        .satisfies(a -> assertThat(a.status()).isEqualTo(ApprovalStatus.APPLIED));

                ask(second, ANALYST, "Show VIP customers");
                ask(second, MARKETER, "Create 30% premium discount");
                assertThat(second.auditRecords(1, Integer.MAX_VALUE)).hasSizeGreaterThan(auditRecords);
                assertThat(second.verifyAudit().valid()).isTrue();
            }
        }

        @Test
        void an_approval_proposed_before_the_restart_can_be_approved_after_it() {
            String approvalId;
            try (PromotionEngine first = PromotionEngine.start(options())) {
                approvalId = ask(first, MARKETER, "Create 25% VIP discount").blocks(ApprovalBlock.class).get(0).approvalId();
            }
            try (PromotionEngine second = PromotionEngine.start(options())) {
                Reply approved = second.approve(APPROVER, approvalId, "after the restart");

                assertThat(approved.blocks(ErrorBlock.class)).isEmpty();
                assertThat(second.approvals()).filteredOn(a -> a.approvalId().equals(approvalId)).singleElement()
                        .satisfies(a -> assertThat(a.status()).isEqualTo(ApprovalStatus.APPLIED));
            }
        }

        @Test
        void the_data_set_loaded_first_is_served_whatever_the_later_options_say() {
            int vips;
            try (PromotionEngine first = PromotionEngine.start(options())) {
                vips = ask(first, ANALYST, "Show VIP customers").blocks(TableBlock.class).get(0).rows().size();
            }
            EngineOptions other = EngineOptions.demo(7, 400, NOW.plusDays(10)).withDataDir(folder);
            try (PromotionEngine second = PromotionEngine.start(other)) {
                assertThat(ask(second, ANALYST, "Show VIP customers").blocks(TableBlock.class).get(0).rows()).hasSize(vips);
                assertThat(second.today()).isEqualTo(NOW);
            }
        }
    }

    @Nested
    class TheFolder {

        @Test
        void is_used_by_one_engine_at_a_time() {
            PromotionEngine first = PromotionEngine.start(options());
            try (first) {
                assertThatThrownBy(() -> PromotionEngine.start(options())).isInstanceOf(AgentException.class)
                        .hasMessageContaining("in use");
            }
            PromotionEngine.start(options()).close(); // free again once the first one stopped
        }

        @Test
        void in_use_makes_serve_fail_with_the_reason_not_with_its_usage() {
            PromotionEngine first = PromotionEngine.start(options());
            try (first) {
                java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
                int exit = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                        new io.promoagent.example.cli.PromoAgentCli(java.time.Clock.systemUTC()).run(
                                new String[] {"serve", "--port", "0", "--data-dir", folder.toString()},
                                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true)));

                assertThat(exit).isEqualTo(io.promoagent.example.cli.PromoAgentCli.EXIT_FAILURE);
                assertThat(err.toString()).contains("promo-agent serve: the data folder", "in use").doesNotContain("Usage:");
            }
        }

        @Test
        void keeps_its_signing_key_readable_by_its_owner_only() throws IOException {
            PromotionEngine.start(options()).close();

            Path key = folder.resolve(DataDirectory.SIGNING_KEY);
            assertThat(Files.size(key)).isEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }

        @Test
        void describes_what_it_holds_only_after_the_data_was_loaded() throws IOException {
            PromotionEngine.start(options()).close();

            String description = Files.readString(folder.resolve(DataDirectory.DESCRIPTION));
            assertThat(description).contains("seed=42", "customers=120", "now=2026-06-30", "source=demo");
        }

        @Test
        void that_was_damaged_is_refused_with_a_way_out() throws IOException {
            PromotionEngine.start(options()).close();
            Files.writeString(folder.resolve(DataDirectory.DESCRIPTION), "seed=forty-two\n");

            assertThatThrownBy(() -> PromotionEngine.start(options())).isInstanceOf(AgentException.class)
                    .hasMessageContaining("delete the data folder to start over");
        }

        @Test
        void whose_first_load_was_interrupted_is_loaded_again_from_the_start() throws IOException {
            PromotionEngine.start(options()).close();
            Files.delete(folder.resolve(DataDirectory.DESCRIPTION)); // as if the process died before the end

            try (PromotionEngine again = PromotionEngine.start(options())) {
                assertThat(ask(again, ANALYST, "How many customers do we have?").blocks(ErrorBlock.class)).isEmpty();
            }
            assertThat(folder.resolve(DataDirectory.DESCRIPTION)).exists();
        }
    }

    @Nested
    class BothDatabases {

        private List<String> answers(PromotionEngine engine) {
            return List.of("total revenue last month", "average order value by customer segment",
                    "VIP customers with recent orders", "lapsed customers").stream()
                    .map(q -> io.promoagent.core.reply.ReplyJson.write(ask(engine, ANALYST, q).withUsage(io.promoagent.core.reply.Usage.NONE))).toList();
        }

        @Test
        void orders_in_postgresql_are_kept_and_give_the_same_answers_after_a_restart() throws IOException {
            List<String> before;
            try (PromotionEngine first = PromotionEngine.start(options())) {
                assertThat(DemoLayout.holdings(first.model())).isEqualTo(
                        "customers and promotions in DynamoDB Local; orders in PostgreSQL (embedded)");
                before = answers(first);
            }
            assertThat(folder.resolve("postgres").resolve("PG_VERSION")).exists();
            assertThat(Files.readString(folder.resolve(DataDirectory.DESCRIPTION))).contains("layout=federated");

            try (PromotionEngine second = PromotionEngine.start(options().withLayout(DemoLayout.DYNAMODB))) {
                assertThat(DemoLayout.holdings(second.model())).endsWith("orders in PostgreSQL (embedded)");
                assertThat(answers(second)).isEqualTo(before);
            }
        }

        @Test
        void a_folder_loaded_before_layouts_existed_keeps_everything_in_dynamodb() throws IOException {
            List<String> before;
            try (PromotionEngine first = PromotionEngine.start(options().withLayout(DemoLayout.DYNAMODB))) {
                before = answers(first);
            }
            Path description = folder.resolve(DataDirectory.DESCRIPTION);
            Files.writeString(description, Files.readString(description).replaceAll("(?m)^layout=.*\\R", ""));
            assertThat(folder.resolve("postgres")).doesNotExist();

            try (PromotionEngine second = PromotionEngine.start(options())) {
                assertThat(DemoLayout.holdings(second.model())).isEqualTo("customers, orders and promotions in DynamoDB Local");
                assertThat(answers(second)).isEqualTo(before);
            }
        }
    }
}
