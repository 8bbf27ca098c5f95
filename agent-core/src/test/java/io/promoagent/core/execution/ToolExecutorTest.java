package io.promoagent.core.execution;

import static io.promoagent.core.tool.TestTools.ok;
import static io.promoagent.core.tool.TestTools.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.Shop;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.policy.PolicyDecision;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.TestTools;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.validate.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolExecutorTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ToolContext mia = ToolContext.of(Principal.of("mia", "marketer"), Shop.CLOCK);

    @Nested
    class TheChain {

        @Test
        void runsTheApplicationsInterceptorsAfterPolicyAndBeforeTheTool() {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            ToolRegistry registry = ToolRegistry.of(read("lookup", (c, x) -> {
                seen.add("tool");
                return ok("found");
            }));
            try (ToolExecutor executor = ToolExecutor.builder(registry)
                    .policy((p, t) -> {
                        seen.add("policy");
                        return PolicyDecision.allow();
                    })
                    .interceptor(chain -> {
                        seen.add("first");
                        return chain.proceed(chain.call());
                    })
                    .interceptor(chain -> {
                        seen.add("second");
                        return chain.proceed(chain.call());
                    })
                    .build()) {
                ToolResult result = executor.execute(ToolCall.of("lookup", F.objectNode()), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
                assertThat(seen).containsExactly("policy", "first", "second", "tool");
            }
        }

        @Test
        void aDeniedCallNeverReachesTheToolAndIsAudited() {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            InMemoryAuditSink audit = new InMemoryAuditSink();
            ToolRegistry registry = ToolRegistry.of(read("lookup", (c, x) -> {
                seen.add("tool");
                return ok("found");
            }));
            try (ToolExecutor executor = ToolExecutor.builder(registry)
                    .auditSink(audit)
                    .policy((p, t) -> PolicyDecision.deny("analysts may not look up"))
                    .interceptor(chain -> {
                        seen.add("interceptor");
                        return chain.proceed(chain.call());
                    })
                    .build()) {
                ToolResult result = executor.execute(ToolCall.of("lookup", F.objectNode()), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.DENIED);
                assertThat(result.errors()).extracting(ToolError::code).containsExactly("denied");
                assertThat(seen).isEmpty();
                assertThat(audit.events()).singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("denied");
                    assertThat(e.principal()).isEqualTo("mia");
                    assertThat(e.tool()).isEqualTo("lookup");
                });
            }
        }

        @Test
        void stampsEachResultWithItsElapsedTime() {
            ToolRegistry registry = ToolRegistry.of(read("slow", (c, x) -> {
                sleep(20);
                return ok("done");
            }));
            try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
                ToolResult result = executor.execute(ToolCall.of("slow", F.objectNode()), mia);

                assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            }
        }

        @Test
        void failsClosedWhenTheAuditCannotBeWritten() {
            ToolRegistry registry = ToolRegistry.of(read("lookup", (c, x) -> ok("found")));
            try (ToolExecutor executor = ToolExecutor.builder(registry)
                    .auditSink(e -> {
                        throw new AuditException("store down");
                    })
                    .build()) {
                ToolResult result = executor.execute(ToolCall.of("lookup", F.objectNode()), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.FAILED);
                assertThat(result.errors().get(0).code()).isEqualTo("audit_unavailable");
                assertThat(result.blocks()).isEmpty();
            }
        }
    }

    @Nested
    class WriteCalls {

        @Test
        void proposeAndSubmitInsteadOfWriting() {
            TestTools.NoteTool notes = new TestTools.NoteTool();
            InMemoryAuditSink audit = new InMemoryAuditSink();
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).auditSink(audit).build()) {
                ToolResult result = executor.execute(ToolCall.of("create_note", F.objectNode().put("text", "hi")), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.PROPOSED);
                assertThat(result.blocks()).singleElement().isInstanceOfSatisfying(ApprovalBlock.class, b -> {
                    assertThat(b.tool()).isEqualTo("create_note");
                    assertThat(b.effect()).isEqualTo(ToolEffect.WRITE);
                    assertThat(b.affectedCount()).isEqualTo(1);
                    assertThat(b.arguments().path("text").asText()).isEqualTo("hi");
                });
                assertThat(notes.applies).hasValue(0);
                AuditEvent event = audit.events().get(0);
                assertThat(event.action()).isEqualTo(AuditAction.PROPOSAL);
                assertThat(event.changeSetId()).contains(result.proposal().get().changeSet().id());
                assertThat(event.affectedCount()).isEqualTo(1);
            }
        }

        @Test
        void theModelViewOfAProposalLeavesOutTheSummaryAndPreview() {
            TestTools.NoteTool notes = new TestTools.NoteTool();
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).build()) {
                ToolResult result = executor.execute(ToolCall.of("create_note",
                        F.objectNode().put("text", "private words")), mia);

                assertThat(result.forModel().toString()).doesNotContain("private words");
                assertThat(result.summary()).doesNotContain("private words");
                assertThat(result.forModel().path("affectedCount").asInt()).isEqualTo(1);
            }
        }

        @Test
        void refusesAChangeSetThatDoesNotMatchItsCall() {
            TestTools.NoteTool liar = new TestTools.NoteTool() {
                @Override
                public io.promoagent.core.change.ChangeSet propose(ToolCall call, ToolContext context) {
                    // proposes other arguments than it was called with
                    return super.propose(call.withArguments(F.objectNode().put("text", "something else")), context);
                }
            };
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(liar)).build()) {
                ToolResult result = executor.execute(ToolCall.of("create_note", F.objectNode().put("text", "hi")), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.FAILED);
                assertThat(result.summary()).contains("arguments differ");
            }
        }
    }

    @Nested
    class Arguments {

        private final TestTools.NoteTool notes = new TestTools.NoteTool();

        private ToolResult call(ObjectNode arguments) {
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).build()) {
                return executor.execute(ToolCall.of("create_note", arguments), mia);
            }
        }

        @Test
        void reportsAMissingRequiredArgument() {
            ToolResult result = call(F.objectNode().put("priority", "low"));

            assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(result.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PROPERTY.code());
                assertThat(e.path()).isEqualTo("$.text");
            });
            assertThat(notes.proposals).hasValue(0);
        }

        @Test
        void reportsAWrongTypeAnUnknownArgumentAndABadEnumValueTogether() {
            ObjectNode args = F.objectNode().put("text", 42).put("prority", "low");
            args.put("priority", "urgent");

            ToolResult result = call(args);

            assertThat(result.errors()).extracting(ToolError::code).containsExactlyInAnyOrder(
                    "wrong_json_type", "unknown_property", "unknown_enum_value");
            assertThat(result.errors()).filteredOn(e -> e.code().equals("unknown_property"))
                    .singleElement().satisfies(e -> assertThat(e.suggestions()).containsExactly("priority"));
            assertThat(result.forModel().path("errors")).hasSize(3);
        }

        @Test
        void reportsArgumentsThatAreNotAnObject() {
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).build()) {
                ToolResult result = executor.execute(new ToolCall("1", "create_note", F.arrayNode().add(1)), mia);

                assertThat(result.errors()).singleElement()
                        .satisfies(e -> assertThat(e.message()).contains("must be a JSON object"));
            }
        }
    }

    @Nested
    class Failures {

        @Test
        void anUnknownToolIsAnErrorWithSuggestionsAndIsAudited() {
            InMemoryAuditSink audit = new InMemoryAuditSink();
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(new TestTools.NoteTool()))
                    .auditSink(audit).build()) {
                ToolResult result = executor.execute(ToolCall.of("create_nte", F.objectNode()), mia);

                assertThat(result.errors()).singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo("unknown_tool");
                    assertThat(e.suggestions()).containsExactly("create_note");
                });
                assertThat(audit.events()).singleElement()
                        .satisfies(e -> assertThat(e.effect()).isEmpty());
            }
        }

        @Test
        void argumentErrorsAToolThrowsGoBackForRepair() {
            ToolRegistry registry = ToolRegistry.of(read("picky", (c, x) -> {
                throw new InvalidArgumentsException(ToolError.of(ErrorCode.WRONG_VALUE_TYPE, "$.percent",
                        "percent discounts lie between 1 and 100"));
            }));
            try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
                ToolResult result = executor.execute(ToolCall.of("picky", F.objectNode()), mia);

                assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
                assertThat(result.errorBlock()).get()
                        .satisfies(b -> assertThat(b.message()).isEqualTo("percent discounts lie between 1 and 100"));
            }
        }

        @Test
        void aToolFailureKeepsItsMessageButAnUnexpectedOneDoesNot() {
            ToolRegistry registry = ToolRegistry.of(
                    read("declared", (c, x) -> {
                        throw new ToolException("the promotion service is down");
                    }),
                    read("crashing", (c, x) -> {
                        throw new IllegalStateException("row secret-1@mail.test is corrupt");
                    }));
            try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
                List<ToolResult> results = executor.executeAll(List.of(
                        ToolCall.of("declared", F.objectNode()), ToolCall.of("crashing", F.objectNode())), mia);

                assertThat(results.get(0).summary()).isEqualTo("the promotion service is down");
                assertThat(results.get(1).status()).isEqualTo(ToolResult.Status.FAILED);
                assertThat(results.get(1).forModel().toString()).doesNotContain("secret-1@mail.test");
            }
        }

        @Test
        void aReadThatTakesTooLongTimesOut() {
            ToolRegistry registry = ToolRegistry.of(read("stuck", (c, x) -> {
                sleep(5_000);
                return ok("late");
            }));
            try (ToolExecutor executor = ToolExecutor.builder(registry).timeout(Duration.ofMillis(100)).build()) {
                ToolResult result = executor.execute(ToolCall.of("stuck", F.objectNode()), mia);

                assertThat(result.errors().get(0).code()).isEqualTo("tool_timeout");
            }
        }
    }

    @Nested
    class Concurrency {

        /** Each call waits until the other has started: they can only both succeed if they run together. */
        private ToolRegistry meetingTools(CyclicBarrier barrier) {
            return ToolRegistry.of(
                    read("left", (c, x) -> meet(barrier, "left")),
                    read("right", (c, x) -> meet(barrier, "right")));
        }

        @Test
        void readsRequestedTogetherRunConcurrently() {
            CyclicBarrier barrier = new CyclicBarrier(2);
            try (ToolExecutor executor = ToolExecutor.builder(meetingTools(barrier)).build()) {
                List<ToolResult> results = executor.executeAll(List.of(
                        ToolCall.of("left", F.objectNode()), ToolCall.of("right", F.objectNode())), mia);

                assertThat(results).extracting(ToolResult::summary).containsExactly("left", "right");
            }
        }

        @Test
        void withOneThreadTheSameReadsCannotMeet() {
            CyclicBarrier barrier = new CyclicBarrier(2);
            try (ToolExecutor executor = ToolExecutor.builder(meetingTools(barrier)).concurrency(1).build()) {
                List<ToolResult> results = executor.executeAll(List.of(
                        ToolCall.of("left", F.objectNode()), ToolCall.of("right", F.objectNode())), mia);

                assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(ToolResult.Status.FAILED));
            }
        }

        private ToolResult meet(CyclicBarrier barrier, String name) {
            try {
                barrier.await(1, TimeUnit.SECONDS);
                return ok(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted");
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new ToolException(name + " ran alone");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
