package io.promoagent.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryRecordStoreTest extends RecordWriterContract {

    private InMemoryRecordStore store;

    @Override
    protected RecordWriter newWriter(DataModel model, Map<String, List<Row>> rows) {
        store = InMemoryRecordStore.of(model, rows);
        return store;
    }

    @Override
    protected Optional<Row> read(String entity, Map<String, Object> key) {
        return store.find(entity, key);
    }

    static InMemoryRecordStore couponStore() {
        return InMemoryRecordStore.builder(MODEL)
                .rows("coupons", List.of(coupon("K1", "SAVE10", "10", null), coupon("K2", "SAVE20", "20", null)))
                .unique("coupons", "code")
                .build();
    }

    @Nested
    class AsADataSource {

        @Test
        void aQueryEngineSeesEveryWriteOnceItIsMade() {
            InMemoryRecordStore s = couponStore();
            QueryEngine engine = QueryEngine.builder(MODEL).source(s).build();
            Query bigOnes = Query.builder("coupons").where(Compare.of("percent", io.promoagent.schema.ir.Operator.GTE,
                    new BigDecimal("15"))).build();
            assertThat(engine.execute(bigOnes).rows()).extracting(r -> r.valueOrNull("id")).containsExactly("K2");

            s.write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "BIG", "30", null))), "t1");

            assertThat(engine.execute(bigOnes).rows()).extracting(r -> r.valueOrNull("id")).containsExactly("K2", "K3");
        }

        @Test
        void holdsEveryEntityOfItsSourceEvenWithoutRows() {
            InMemoryRecordStore s = InMemoryRecordStore.builder(MODEL).build();

            assertThat(s.id()).isEqualTo("main");
            assertThat(s.rows("accounts")).isEmpty();
            assertThatThrownBy(() -> s.rows("planets")).hasMessageContaining("planets");
        }

        @Test
        void refusesInitialRowsThatShareAKeyOrAUniqueValue() {
            assertThatThrownBy(() -> InMemoryRecordStore.builder(MODEL)
                    .rows("coupons", List.of(coupon("K1", "A", "1", null), coupon("K1", "B", "1", null))).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K1");
            assertThatThrownBy(() -> InMemoryRecordStore.builder(MODEL).unique("coupons", "code")
                    .rows("coupons", List.of(coupon("K1", "A", "1", null), coupon("K2", "A", "1", null))).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code");
        }
    }

    @Nested
    class UniqueFields {

        @Test
        void aCreateThatWouldDuplicateAUniqueValueIsAConflict() {
            InMemoryRecordStore s = couponStore();

            assertThatThrownBy(() -> s.write(List.of(AffectedRecord.create("coupons", id("K3"),
                    coupon("K3", "SAVE10", "5", null))), "t1"))
                    .isInstanceOfSatisfying(WriteConflictException.class, e -> {
                        assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.DUPLICATE_VALUE);
                        assertThat(e.field()).contains("code");
                        assertThat(e.getMessage()).doesNotContain("SAVE10");
                    });
            assertThat(s.find("coupons", id("K3"))).isEmpty();
            assertThat(s.writeCount()).isZero();
        }

        @Test
        void aValueFreedInTheSameWriteMayBeTaken() {
            InMemoryRecordStore s = couponStore();
            Row k1 = s.find("coupons", id("K1")).orElseThrow();

            s.write(List.of(AffectedRecord.delete("coupons", id("K1"), k1, RecordVersion.of(COUPONS, k1)),
                    AffectedRecord.create("coupons", id("K3"), coupon("K3", "SAVE10", "5", null))), "t1");

            assertThat(s.find("coupons", id("K3"))).isPresent();
        }
    }

    @Nested
    class Versions {

        @Test
        void contentVersionsIgnoreTrailingZerosHiddenFieldsAndUndeclaredFields() {
            Row a = coupon("K1", "SAVE10", "10.00", "one note");
            Row b = Row.of(Map.of("id", "K1", "code", "SAVE10", "percent", new BigDecimal("1E+1"),
                    "label", "label of K1", "note", "another note", "extra", "x"));

            assertThat(RecordVersion.of(COUPONS, a)).isEqualTo(RecordVersion.of(COUPONS, b)).startsWith("sha256:");
            assertThat(RecordVersion.of(COUPONS, coupon("K1", "SAVE10", "10.01", null)))
                    .isNotEqualTo(RecordVersion.of(COUPONS, a));
        }

        @Test
        void aVersionFieldIsTheVersionOfAVersionedEntity() {
            assertThat(RecordVersion.isVersioned(ACCOUNTS)).isTrue();
            assertThat(RecordVersion.isVersioned(COUPONS)).isFalse();
            assertThat(RecordVersion.of(ACCOUNTS, Row.of(Map.of("id", "A", "version", new BigDecimal("12"))))).isEqualTo("12");
            assertThat(RecordVersion.of(ACCOUNTS, Row.of(Map.of("id", "A")))).isEqualTo("0");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void ofTwoUpdatesAtTheSameVersionExactlyOneWins() throws Exception {
            InMemoryRecordStore s = couponStore();
            Row k1 = s.find("coupons", id("K1")).orElseThrow();
            String v = RecordVersion.of(COUPONS, k1);
            int n = 8;
            CyclicBarrier start = new CyclicBarrier(n);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String percent = Integer.toString(30 + i);
                    String token = "t" + i;
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            s.write(List.of(AffectedRecord.update("coupons", id("K1"), k1,
                                    coupon("K1", "SAVE10", percent, null), v)), token);
                            return true;
                        } catch (WriteConflictException e) {
                            return false;
                        }
                    }));
                }
                int wins = 0;
                for (Future<Boolean> f : outcomes) {
                    wins += f.get() ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
                assertThat(s.writeCount()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
