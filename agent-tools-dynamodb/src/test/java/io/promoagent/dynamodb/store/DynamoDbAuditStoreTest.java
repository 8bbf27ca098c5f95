package io.promoagent.dynamodb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditConflictException;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.ToolEffect;
import io.promoagent.dynamodb.LocalDynamoDbAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit chain in DynamoDB Local (in-process), shared by several writers as service instances would. */
class DynamoDbAuditStoreTest {

    static final String TABLE = "audit-" + UUID.randomUUID();
    static DynamoDbClient dynamo;

    @BeforeAll
    static void table() {
        dynamo = LocalDynamoDbAccess.client();
        DynamoDbAuditStore.createTable(dynamo, TABLE);
    }

    /** A store over a chain of its own, so that tests sharing the table stay apart. */
    static DynamoDbAuditStore newStore(String chain) {
        return new DynamoDbAuditStore(dynamo, TABLE, chain);
    }

    static String newChain() {
        return "chain-" + UUID.randomUUID();
    }

    static AuditEvent event(String requestId, int n) {
        boolean write = n % 3 == 0;
        return new AuditEvent(Instant.parse("2026-06-30T12:00:00Z").plusMillis(n), write ? AuditAction.PROPOSAL
                : AuditAction.TOOL_CALL, n % 2 == 0 ? "alice" : "bob", "s1", requestId,
                write ? "create_promotion" : "query", Optional.of(write ? ToolEffect.WRITE : ToolEffect.READ),
                JsonNodeFactory.instance.objectNode().put("to", "john.smith@example.com").put("n", n),
                write ? "proposed" : "ok", write ? Optional.of("cs-" + n) : Optional.empty(),
                write ? Optional.of("ap-" + n) : Optional.empty(), write ? n : 0, n % 4 == 0 ? "" : "détail ☀ " + n);
    }

    /** A store that counts the appends another store refused as taken. */
    static final class CountingConflicts implements AuditStore {
        final AuditStore delegate;
        final AtomicInteger conflicts = new AtomicInteger();

        CountingConflicts(AuditStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(AuditRecord record) {
            try {
                delegate.append(record);
            } catch (AuditConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public Optional<AuditRecord> head() {
            return delegate.head();
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            return delegate.read(fromSequence, limit);
        }
    }

    @Nested
    class AsAStore {

        @Test
        void startsWithoutAHeadOrRecords() {
            DynamoDbAuditStore store = newStore(newChain());

            assertThat(store.head()).isEmpty();
            assertThat(store.all()).isEmpty();
        }

        @Test
        void readsBackExactlyWhatWasAppendedInOrderAndByPage() {
            DynamoDbAuditStore store = newStore(newChain());
            List<AuditRecord> chain = new ArrayList<>();
            for (int n = 1; n <= 12; n++) {
                AuditRecord r = AuditRecord.after(chain.isEmpty() ? Optional.empty()
                        : Optional.of(chain.get(chain.size() - 1)), event("r" + n, n));
                store.append(r);
                chain.add(r);
            }

            assertThat(store.head()).contains(chain.get(11));
            assertThat(store.all()).containsExactlyElementsOf(chain);
            assertThat(store.read(4, 5)).containsExactlyElementsOf(chain.subList(3, 8));
            assertThat(store.read(11, 5)).containsExactlyElementsOf(chain.subList(10, 12));
            assertThat(store.read(13, 5)).isEmpty();
            assertThat(store.read(1, 0)).isEmpty();
            assertThat(AuditVerifier.verify(store, chain.get(11).anchor())).isEqualTo(AuditVerification.intact(12));
        }

        @Test
        void refusesASequenceThatAnotherInstanceTook() {
            String chain = newChain();
            DynamoDbAuditStore here = newStore(chain);
            DynamoDbAuditStore there = newStore(chain);
            AuditRecord mine = AuditRecord.first(event("mine", 1));
            AuditRecord theirs = AuditRecord.first(event("theirs", 2));
            there.append(theirs);

            assertThatThrownBy(() -> here.append(mine))
                    .isInstanceOfSatisfying(AuditConflictException.class, e -> assertThat(e.sequence()).isEqualTo(1));
            assertThat(here.all()).containsExactly(theirs);
        }

        @Test
        void keepsChainsWithDifferentIdsApartInOneTable() {
            DynamoDbAuditStore a = newStore(newChain());
            DynamoDbAuditStore b = newStore(newChain());
            new ChainedAuditSink(a).record(event("a1", 1));
            new ChainedAuditSink(b).record(event("b1", 1));
            new ChainedAuditSink(b).record(event("b2", 2));

            assertThat(a.all()).extracting(AuditRecord::requestId).containsExactly("a1");
            assertThat(b.all()).extracting(AuditRecord::requestId).containsExactly("b1", "b2");
        }

        @Test
        void keepsTheArgumentsOutOfTheTable() {
            String chain = newChain();
            new ChainedAuditSink(newStore(chain)).record(event("r1", 1));

            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                    .key(Map.of("chain", AttributeValue.fromS(chain), "seq", AttributeValue.fromN("1")))).item();

            assertThat(item.keySet()).containsExactlyInAnyOrder("chain", "seq", "hash", "record");
            assertThat(item.toString()).doesNotContain("john.smith@example.com");
        }
    }

    @Nested
    class SharedByTwoInstances {

        @Test
        void twoSinksTakingTurnsRelinkAfterEachOther() {
            String chain = newChain();
            CountingConflicts first = new CountingConflicts(newStore(chain));
            ChainedAuditSink a = new ChainedAuditSink(first);
            ChainedAuditSink b = new ChainedAuditSink(newStore(chain));

            a.record(event("r1", 1));
            b.record(event("r2", 2));
            AuditRecord third = a.append(event("r3", 3));

            assertThat(third.sequence()).isEqualTo(3);
            assertThat(first.conflicts).as("a's head was stale: the conditional put refused it once").hasValue(1);
            assertThat(AuditVerifier.verify(newStore(chain))).isEqualTo(AuditVerification.intact(3));
        }

        @Test
        void appendingConcurrentlyNeverForksTheChain() throws Exception {
            String chain = newChain();
            List<ChainedAuditSink> instances = List.of(
                    new ChainedAuditSink(newStore(chain), 100),
                    new ChainedAuditSink(newStore(chain), 100));
            int threads = 4;
            int each = 15;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    tasks.add(() -> {
                        start.await();
                        for (int n = 1; n <= each; n++) {
                            instances.get(thread % 2).record(event("t" + thread + "-" + n, n));
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }

            List<AuditRecord> all = newStore(chain).all();
            assertThat(AuditVerifier.verify(all)).isEqualTo(AuditVerification.intact((long) threads * each));
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                for (int n = 1; n <= each; n++) {
                    expected.add("t" + t + "-" + n);
                }
            }
            assertThat(all).extracting(AuditRecord::requestId).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Nested
    class WhenSomethingIsWrong {

        @Test
        void anEditedItemIsFoundByTheVerifierAtItsSequence() {
            String chain = newChain();
            ChainedAuditSink sink = new ChainedAuditSink(newStore(chain));
            for (int n = 1; n <= 5; n++) {
                sink.record(event("r" + n, n));
            }
            Map<String, AttributeValue> key = Map.of("chain", AttributeValue.fromS(chain), "seq", AttributeValue.fromN("3"));
            String json = dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(key)).item().get("record").s();
            String forged = json.replace("\"outcome\":\"proposed\"", "\"outcome\":\"rejected\"");
            assertThat(forged).isNotEqualTo(json);
            dynamo.updateItem(b -> b.tableName(TABLE).key(key).updateExpression("SET #r = :r")
                    .expressionAttributeNames(Map.of("#r", "record"))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(forged))));

            AuditVerification result = AuditVerifier.verify(newStore(chain));

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBadSequence()).hasValue(3);
        }

        @Test
        void aMissingTableMakesTheSinkThrowAnAuditException() {
            ChainedAuditSink sink = new ChainedAuditSink(new DynamoDbAuditStore(dynamo, "no-such-table-" + UUID.randomUUID()));

            assertThatThrownBy(() -> sink.record(event("r1", 1)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("no-such-table");
        }
    }
}
