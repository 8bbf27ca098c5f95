package io.promoagent.core.audit;

import static io.promoagent.core.tool.TestTools.ok;
import static io.promoagent.core.tool.TestTools.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.Shop;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.TestTools;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool executor writing through a chained sink: what lands in the chain, and fail-closed when it cannot. */
class AuditedToolCallsTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ToolContext mia = ToolContext.of(Principal.of("mia", "marketer"), Shop.CLOCK);

    @Test
    void everyCallBecomesALinkOfAChainThatVerifiesAndKeepsOnlyTheArgumentsHash(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        TestTools.NoteTool notes = new TestTools.NoteTool();
        ToolRegistry registry = ToolRegistry.builder()
                .register(read("lookup", (c, x) -> ok("found")))
                .register(notes)
                .build();
        ObjectNode noteArgs = F.objectNode().put("text", "call john.smith@example.com");
        try (JsonLinesAuditStore store = new JsonLinesAuditStore(file);
             ToolExecutor executor = ToolExecutor.builder(registry).auditSink(new ChainedAuditSink(store)).build()) {
            executor.execute(ToolCall.of("lookup", F.objectNode()), mia);
            ToolResult proposed = executor.execute(ToolCall.of("create_note", noteArgs), mia);
            executor.execute(ToolCall.of("no_such_tool", F.objectNode()), mia);

            List<AuditRecord> chain = store.all();
            assertThat(AuditVerifier.verify(chain)).isEqualTo(AuditVerification.intact(3));
            assertThat(chain).extracting(AuditRecord::action)
                    .containsExactly(AuditAction.TOOL_CALL, AuditAction.PROPOSAL, AuditAction.TOOL_CALL);
            assertThat(chain).extracting(AuditRecord::tool).containsExactly("lookup", "create_note", "no_such_tool");
            AuditRecord proposal = chain.get(1);
            assertThat(proposal.principal()).isEqualTo("mia");
            assertThat(proposal.changeSetId()).contains(proposed.proposal().orElseThrow().changeSet().id());
            assertThat(proposal.argumentsHash()).isEqualTo(CanonicalJson.sha256(noteArgs));
            assertThat(chain.get(2).effect()).isEqualTo(Optional.empty());
        }
        assertThat(Files.readString(file)).doesNotContain("john.smith@example.com");
    }

    @Test
    void aReadWhoseRecordCannotBeWrittenIsWithheld() {
        AtomicInteger runs = new AtomicInteger();
        ToolRegistry registry = ToolRegistry.of(read("lookup", (c, x) -> {
            runs.incrementAndGet();
            return ok("John Smith, VIP");
        }));
        AuditStore down = new AuditStore() {
            @Override
            public void append(AuditRecord record) {
                throw new AuditException("the audit table is unreachable");
            }

            @Override
            public Optional<AuditRecord> head() {
                return Optional.empty();
            }

            @Override
            public List<AuditRecord> read(long fromSequence, int limit) {
                return List.of();
            }
        };

        try (ToolExecutor executor = ToolExecutor.builder(registry).auditSink(new ChainedAuditSink(down)).build()) {
            ToolResult result = executor.execute(ToolCall.of("lookup", F.objectNode()), mia);

            assertThat(result.status()).isEqualTo(ToolResult.Status.FAILED);
            assertThat(result.errors()).extracting(e -> e.code()).containsExactly(AgentErrorCode.AUDIT_UNAVAILABLE.code());
            assertThat(result.summary()).doesNotContain("John Smith");
            assertThat(result.forModel().toString()).doesNotContain("John Smith");
        }
    }

    @Test
    void aProposalWhoseRecordCannotBeWrittenReachesNoOne() {
        TestTools.NoteTool notes = new TestTools.NoteTool();
        ChainedAuditSink sink = new ChainedAuditSink(new ChainedAuditSinkTest.ForwardingStore() {
            @Override
            public void append(AuditRecord record) {
                throw new IllegalStateException("disk full");
            }
        });

        try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).auditSink(sink).build()) {
            ToolResult result = executor.execute(ToolCall.of("create_note", F.objectNode().put("text", "hi")), mia);

            assertThat(result.status()).isEqualTo(ToolResult.Status.FAILED);
            assertThat(result.proposal()).isEmpty();
            assertThat(result.blocks()).isEmpty();
            assertThat(notes.applies).hasValue(0);
        }
    }
}
