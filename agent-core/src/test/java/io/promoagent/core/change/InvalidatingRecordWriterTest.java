package io.promoagent.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.CachingDataSource;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A writer in front of query caches: keeps the writer contract, and no cache serves a result from before a write. */
class InvalidatingRecordWriterTest extends RecordWriterContract {

    private InMemoryRecordStore store;

    @Override
    protected RecordWriter newWriter(DataModel model, Map<String, List<Row>> rows) {
        store = InMemoryRecordStore.of(model, rows);
        return new InvalidatingRecordWriter(store, List.of(CachingDataSource.wrap(store).build()));
    }

    @Override
    protected Optional<Row> read(String entity, Map<String, Object> key) {
        return store.find(entity, key);
    }

    private final InMemoryRecordStore coupons = InMemoryRecordStoreTest.couponStore();
    private final CachingDataSource cache = CachingDataSource.wrap(coupons).build();
    private final RecordWriter writer = new InvalidatingRecordWriter(coupons, List.of(cache));
    private final QueryEngine engine = QueryEngine.builder(MODEL).source(cache).build();
    private final Query bigOnes = Query.builder("coupons")
            .where(Compare.of("percent", Operator.GTE, new BigDecimal("15"))).build();

    private List<Object> bigOnes() {
        return engine.execute(bigOnes).rows().stream().map(r -> r.valueOrNull("id")).toList();
    }

    @Nested
    class InFrontOfAQueryCache {

        @Test
        void a_query_after_a_write_sees_it_although_the_cache_held_the_result_before() {
            assertThat(bigOnes()).containsExactly("K2");
            assertThat(bigOnes()).containsExactly("K2");
            assertThat(cache.stats().hits()).isEqualTo(1);

            writer.write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "BIG", "30", null))), "t1");

            assertThat(bigOnes()).containsExactly("K2", "K3");
        }

        @Test
        void a_write_that_fails_still_clears_the_cache_since_it_may_have_reached_the_store() {
            assertThat(bigOnes()).containsExactly("K2");

            assertThatThrownBy(() -> writer.write(List.of(AffectedRecord.create("coupons", id("K2"),
                    coupon("K2", "AGAIN", "50", null))), "t2")).isInstanceOf(WriteConflictException.class);

            assertThat(cache.stats().entries()).isZero();
            assertThat(bigOnes()).containsExactly("K2");
        }

        @Test
        void results_of_entities_not_written_stay_in_the_cache() {
            assertThat(bigOnes()).containsExactly("K2");
            engine.execute(Query.builder("accounts").build());

            writer.write(List.of(AffectedRecord.create("coupons", id("K4"), coupon("K4", "MORE", "40", null))), "t3");

            assertThat(cache.stats().entries()).isEqualTo(1);
        }
    }
}
