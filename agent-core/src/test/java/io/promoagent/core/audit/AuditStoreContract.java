package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link AuditStore} does; each implementation's test extends this. */
abstract class AuditStoreContract {

    /** A new, empty store. */
    abstract AuditStore newStore();

    @Test
    void startsWithoutAHeadOrRecords() {
        AuditStore store = newStore();

        assertThat(store.head()).isEmpty();
        assertThat(store.read(1, 10)).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void readsBackWhatWasAppendedInOrderAndByPage() {
        AuditStore store = newStore();
        List<AuditRecord> chain = AuditEvents.chain(12);
        chain.forEach(store::append);

        assertThat(store.head()).contains(chain.get(11));
        assertThat(store.all()).containsExactlyElementsOf(chain);
        assertThat(store.read(1, 5)).containsExactlyElementsOf(chain.subList(0, 5));
        assertThat(store.read(6, 5)).containsExactlyElementsOf(chain.subList(5, 10));
        assertThat(store.read(11, 5)).containsExactlyElementsOf(chain.subList(10, 12));
        assertThat(store.read(13, 5)).isEmpty();
        assertThat(store.read(4, 0)).isEmpty();
    }

    @Test
    void refusesASequenceThatIsTaken() {
        AuditStore store = newStore();
        List<AuditRecord> chain = AuditEvents.chain(3);
        chain.forEach(store::append);
        AuditRecord rival = AuditRecord.next(chain.get(1), AuditEvents.event(42));

        assertThatThrownBy(() -> store.append(rival))
                .isInstanceOfSatisfying(AuditConflictException.class, e -> assertThat(e.sequence()).isEqualTo(3));
        assertThatThrownBy(() -> store.append(chain.get(0))).isInstanceOf(AuditConflictException.class);
        assertThat(store.all()).containsExactlyElementsOf(chain);
    }

    @Test
    void refusesASecondFirstRecord() {
        AuditStore store = newStore();
        store.append(AuditRecord.first(AuditEvents.event(1)));

        assertThatThrownBy(() -> store.append(AuditRecord.first(AuditEvents.event(2))))
                .isInstanceOf(AuditConflictException.class);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void keepsOneUnbrokenChainWhenFourThreadsAppendThroughOneSink() throws Exception {
        AuditStore store = newStore();
        ChainedAuditSink sink = new ChainedAuditSink(store);

        runConcurrently(4, 50, (thread, n) -> sink.record(AuditEvents.event(thread * 1000 + n)));

        assertOneChainWithEvents(store, 4, 50);
    }

    @Test
    void keepsOneUnbrokenChainWhenFourSinksAppendConcurrently() throws Exception {
        AuditStore store = newStore();
        List<ChainedAuditSink> sinks = IntStream.range(0, 4).mapToObj(i -> new ChainedAuditSink(store, 1000)).toList();

        runConcurrently(4, 50, (thread, n) -> sinks.get(thread).record(AuditEvents.event(thread * 1000 + n)));

        assertOneChainWithEvents(store, 4, 50);
    }

    interface Append {
        void run(int thread, int n);
    }

    static void runConcurrently(int threads, int eachAppends, Append append) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int n = 1; n <= eachAppends; n++) {
                        append.run(thread, n);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    static void assertOneChainWithEvents(AuditStore store, int threads, int eachAppends) {
        List<AuditRecord> all = store.all();
        assertThat(AuditVerifier.verify(all)).isEqualTo(AuditVerification.intact((long) threads * eachAppends));
        Set<String> expected = IntStream.range(0, threads).boxed()
                .flatMap(t -> IntStream.rangeClosed(1, eachAppends).mapToObj(n -> "r" + (t * 1000 + n)))
                .collect(Collectors.toSet());
        assertThat(all).extracting(AuditRecord::requestId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
