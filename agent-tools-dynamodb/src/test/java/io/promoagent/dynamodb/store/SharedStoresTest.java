package io.promoagent.dynamodb.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionMessage;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.dynamodb.LocalDynamoDbAccess;
import io.promoagent.schema.source.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Approvals and sessions shared by several instances through one DynamoDB (Local, in-process). */
class SharedStoresTest {

    static final byte[] KEY = "shared-signing-key-for-two-instances-0123".getBytes(StandardCharsets.UTF_8);
    static DynamoDbClient dynamo;
    static final String APPROVALS = "approvals-" + UUID.randomUUID();
    static final String SESSIONS = "sessions-" + UUID.randomUUID();

    @BeforeAll
    static void tables() {
        dynamo = LocalDynamoDbAccess.client();
        DynamoDbApprovalStore.createTable(dynamo, APPROVALS);
        DynamoDbSessionStore.createTable(dynamo, SESSIONS);
    }

    /** A write tool that counts its applies: the proof of "exactly once". */
    static final class CountingTool implements WriteTool {
        final AtomicInteger applies = new AtomicInteger();

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.of("touch", "Touches a record.", JsonNodeFactory.instance.objectNode().put("type", "object"),
                    ToolEffect.WRITE);
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            return changeSet(call, context).summary("touch r1")
                    .affected(AffectedRecord.update("records", Map.of("id", "r1"), Row.of(Map.of("id", "r1", "n", "1")),
                            Row.of(Map.of("id", "r1", "n", "2")), "1"))
                    .build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            applies.incrementAndGet();
            return new ApplyResult(approved.changeSet().id(), approved.changeSet().affected(), "touched");
        }
    }

    @Test
    void proposedOnOneInstanceApprovedOnAnotherAppliedOnceWhenBothTry() throws Exception {
        CountingTool tool = new CountingTool();
        ApprovalService first = ApprovalService.builder(ToolRegistry.of(tool), KEY).store(new DynamoDbApprovalStore(dynamo, APPROVALS)).build();
        ApprovalService second = ApprovalService.builder(ToolRegistry.of(tool), KEY).store(new DynamoDbApprovalStore(dynamo, APPROVALS)).build();
        Principal marketer = Principal.of("mia", "marketer");
        Principal approver = Principal.of("ada", "approver");

        ObjectNode args = JsonNodeFactory.instance.objectNode().put("what", "r1");
        ChangeSet cs = tool.propose(ToolCall.of("touch", args), ToolContext.of(marketer));
        ApprovalTicket ticket = first.submit(cs, ToolContext.of(marketer));
        ApprovalGrant grant = second.approve(ticket.approvalId(), approver, "fine");

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> outcomes = new ArrayList<>();
        for (ApprovalService instance : List.of(first, second)) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    instance.apply(grant, ToolContext.of(approver));
                    return "applied";
                } catch (ApprovalException e) {
                    return e.code();
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();

        assertThat(results).containsOnlyOnce("applied");
        assertThat(tool.applies).hasValue(1);
        assertThat(first.find(ticket.approvalId())).get().extracting(ApprovalTicket::status).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(new DynamoDbApprovalStore(dynamo, APPROVALS).findByChangeSet(cs.id())).isPresent();
    }

    @Test
    void aSessionSavedByOneInstanceIsReadByAnother() {
        DynamoDbSessionStore a = new DynamoDbSessionStore(dynamo, SESSIONS, Duration.ofHours(1));
        DynamoDbSessionStore b = new DynamoDbSessionStore(dynamo, SESSIONS, Duration.ofHours(1));
        Session s = Session.empty("s1", Instant.parse("2026-06-30T10:00:00Z"))
                .append(Instant.parse("2026-06-30T10:00:01Z"), SessionMessage.user("Show VIP customers"),
                        SessionMessage.assistant("129 VIP customers \"quoted\"\nnext line"));
        a.save(s);
        assertThat(b.find("s1")).contains(s);
        b.delete("s1");
        assertThat(a.find("s1")).isEmpty();
    }
}
