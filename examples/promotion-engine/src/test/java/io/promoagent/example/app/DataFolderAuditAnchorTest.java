package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.BrokenAuditChainException;
import io.promoagent.core.security.Principal;
import io.promoagent.example.cli.PromoAgentCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * A data folder's audit chain is verified at every start against the anchor kept beside the database: a
 * chain whose last records were deleted from the database is refused, naming the record, unless the
 * operator says to open it.
 */
class DataFolderAuditAnchorTest {

    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static final Principal MARKETER = DemoUsers.MARKETER;

    @TempDir
    Path folder;

    private EngineOptions options() {
        // the audit anchor is the same whatever holds the data: the quicker layout
        return EngineOptions.demo(42, 60, NOW).withDataDir(folder).withLayout(DemoLayout.DYNAMODB);
    }

    /** Deletes the last {@code n} records of the audit chain straight from DynamoDB Local's database. */
    private void deleteLastAuditRecords(long head, int n) {
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(folder.resolve("dynamodb.db").toFile(), true);
        try {
            DynamoDbClient client = local.dynamoDbClient();
            for (long seq = head; seq > head - n; seq--) {
                long s = seq;
                client.deleteItem(b -> b.tableName(EngineAssembly.AUDIT_TABLE).key(Map.of("chain", AttributeValue.fromS("audit"),
                        "seq", AttributeValue.fromN(Long.toString(s)))));
            }
        } finally {
            local.shutdown();
        }
    }

    @Test
    void aChainCutShortInTheDatabaseIsRefusedAtStartUpUnlessToldToOpenIt() throws Exception {
        long head;
        try (PromotionEngine engine = PromotionEngine.start(options())) {
            engine.ask(MARKETER, UUID.randomUUID().toString(), "Create 25% VIP discount", p -> { });
            head = engine.auditRecords(0, Integer.MAX_VALUE).size();
        }
        assertThat(Files.readString(folder.resolve(EngineAssembly.AUDIT_ANCHOR))).startsWith(head + " ");
        assertThat(head).isGreaterThan(1);
        deleteLastAuditRecords(head, 1);

        assertThatThrownBy(() -> PromotionEngine.start(options()))
                .isInstanceOfSatisfying(BrokenAuditChainException.class, e -> {
                    assertThat(e.verification().firstBadSequence()).hasValue(head);
                    assertThat(e.getMessage()).contains("record " + head + " was anchored");
                });

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new PromoAgentCli(Clock.systemUTC(), Map.of()).run(new String[] {"serve", "--port", "0", "--data-dir",
                folder.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(PromoAgentCli.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("record " + head + " was anchored", "--open-broken-audit");

        try (PromotionEngine opened = PromotionEngine.start(options().withOpenBrokenAudit())) {
            assertThat(opened.auditRecords(0, Integer.MAX_VALUE)).hasSize((int) head - 1);
        }
        try (PromotionEngine again = PromotionEngine.start(options())) {
            assertThat(again.verifyAudit().valid()).isTrue();
        }
    }
}
