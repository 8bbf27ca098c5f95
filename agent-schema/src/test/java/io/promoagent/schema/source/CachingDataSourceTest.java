package io.promoagent.schema.source;

import static io.promoagent.schema.source.InMemoryDataSourceTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.testing.GatedSource;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.schema.testing.ShopFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CachingDataSourceTest {

    private final DataModel model = ShopFixture.model();
    private final Entity orders = model.requireEntity("orders");
    private final Entity promotions = model.requireEntity("promotions");
    private final GatedSource counting = new GatedSource(new InMemoryDataSource("sales",
            ShopFixture.source(ShopFixture.data(), "orders", "promotions")));
    private final MutableClock clock = new MutableClock();
    private final CachingDataSource cache = CachingDataSource.wrap(counting).ttl(Duration.ofSeconds(30)).clock(clock).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private SourceQuery completed() {
        return SourceQuery.where(orders, Compare.eq("status", "completed"));
    }

    @Nested
    class ServingRepeatedQueries {

        @Test
        void a_repeated_query_is_read_from_the_source_once_and_gives_the_same_rows() {
            List<Row> first = drain(cache.open(completed()));
            List<Row> second = drain(cache.open(completed()));

            assertThat(second).isEqualTo(first).isNotEmpty();
            assertThat(counting.opened.get()).isEqualTo(1);
            assertThat(cache.stats()).isEqualTo(new CachingDataSource.Stats(1, 1, 1, first.size()));
        }

        @Test
        void a_result_from_the_cache_costs_no_reads_and_says_where_it_came_from() {
            SourceCursor fromSource = cache.open(completed());
            drain(fromSource);
            assertThat(fromSource.stats().calls()).isEqualTo(1);

            SourceCursor fromCache = cache.open(completed());
            int rows = drain(fromCache).size();
            assertThat(fromCache.stats()).isEqualTo(new ExecutionStats(0, 0, rows, 0));
            assertThat(fromCache.explanation().notes()).last().asString().startsWith("served from the query cache");
            assertThat(cache.explain(completed()).notes()).last().asString().startsWith("would be served from the query cache");
        }

        @Test
        void queries_that_differ_in_filter_fields_or_limit_are_kept_apart() {
            drain(cache.open(completed()));
            drain(cache.open(SourceQuery.where(orders, Compare.eq("status", "refunded"))));
            drain(cache.open(new SourceQuery(orders, Optional.of(Compare.eq("status", "completed")), List.of("id"),
                    OptionalInt.empty())));
            List<Row> limited = drain(cache.open(new SourceQuery(orders, Optional.of(Compare.eq("status", "completed")),
                    List.of(), OptionalInt.of(1))));

            assertThat(limited).hasSize(1);
            assertThat(counting.opened.get()).isEqualTo(4);
        }

        @Test
        void a_result_older_than_its_time_to_live_is_read_again() {
            drain(cache.open(completed()));
            clock.advance(Duration.ofSeconds(29));
            drain(cache.open(completed()));
            assertThat(counting.opened.get()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            drain(cache.open(completed()));
            assertThat(counting.opened.get()).isEqualTo(2);
        }
    }

    @Nested
    class SeeingWrites {

        @Test
        void invalidating_an_entity_forgets_its_results_and_keeps_the_others() {
            drain(cache.open(completed()));
            drain(cache.open(SourceQuery.all(promotions)));

            cache.invalidate("orders");
            drain(cache.open(completed()));
            drain(cache.open(SourceQuery.all(promotions)));

            assertThat(counting.opened.get()).isEqualTo(3);
        }

        @Test
        void a_read_that_was_running_when_a_write_was_announced_is_not_kept() throws Exception {
            counting.holdNextOpen();
            Future<List<Row>> reading = threads.submit(() -> drain(cache.open(completed())));
            counting.awaitHeld();

            cache.invalidate("orders"); // the write happened while the rows were being read
            counting.release();
            reading.get(5, TimeUnit.SECONDS);

            drain(cache.open(completed()));
            assertThat(counting.opened.get()).isEqualTo(2);
        }

        @Test
        void invalidating_everything_forgets_every_result() {
            drain(cache.open(completed()));
            drain(cache.open(SourceQuery.all(promotions)));
            cache.invalidateAll();

            assertThat(cache.stats().entries()).isZero();
            drain(cache.open(completed()));
            assertThat(counting.opened.get()).isEqualTo(3);
        }
    }

    @Nested
    class ManyReadersAtOnce {

        @Test
        void those_asking_for_a_query_being_read_wait_for_that_read_instead_of_reading_again() throws Exception {
            counting.holdNextOpen();
            Future<List<Row>> first = threads.submit(() -> drain(cache.open(completed())));
            counting.awaitHeld();
            List<Thread> waiting = new ArrayList<>();
            List<Future<List<Row>>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(threads.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return drain(cache.open(completed()));
                }));
            }
            awaitWaiting(waiting, 5);

            counting.release();
            List<Row> rows = first.get(5, TimeUnit.SECONDS);
            for (Future<List<Row>> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo(rows);
            }
            assertThat(counting.opened.get()).isEqualTo(1);
        }

        @Test
        void a_reader_that_waited_too_long_reads_for_itself() throws Exception {
            CachingDataSource impatient = CachingDataSource.wrap(counting).maxWait(Duration.ofMillis(50)).build();
            counting.holdNextOpen();
            Future<List<Row>> stuck = threads.submit(() -> drain(impatient.open(completed())));
            counting.awaitHeld();

            List<Row> rows = drain(impatient.open(completed()));

            assertThat(rows).isNotEmpty();
            assertThat(counting.opened.get()).isEqualTo(2);
            counting.release();
            assertThat(stuck.get(5, TimeUnit.SECONDS)).isEqualTo(rows);
        }

        @Test
        void a_failed_read_keeps_nothing_and_the_next_query_reads_again() {
            counting.failNextOpen();
            assertThatThrownBy(() -> drain(cache.open(completed()))).isInstanceOf(DataSourceException.class)
                    .hasMessageContaining("the store is down");

            assertThat(drain(cache.open(completed()))).isNotEmpty();
            assertThat(counting.opened.get()).isEqualTo(2);
            assertThat(cache.stats().entries()).isEqualTo(1);
        }
    }

    @Nested
    class TheRowBudget {

        @Test
        void a_result_larger_than_the_budget_is_handed_out_whole_and_not_kept() {
            List<Row> all = drain(counting.open(SourceQuery.all(orders)));
            CachingDataSource small = CachingDataSource.wrap(counting).maxRows(all.size() - 1).build();

            assertThat(drain(small.open(SourceQuery.all(orders)))).isEqualTo(all);
            assertThat(small.stats().entries()).isZero();
            drain(small.open(SourceQuery.all(orders)));
            assertThat(counting.opened.get()).isEqualTo(3);
        }

        @Test
        void the_least_recently_used_result_goes_first_when_the_budget_is_spent() {
            int completedRows = drain(counting.open(completed())).size();
            int promotionRows = drain(counting.open(SourceQuery.all(promotions))).size();
            SourceQuery refunded = SourceQuery.where(orders, Compare.eq("status", "refunded"));
            int refundedRows = drain(counting.open(refunded)).size();
            CachingDataSource small = CachingDataSource.wrap(counting)
                    .maxRows(Math.max(completedRows + promotionRows, completedRows + refundedRows)).build();
            counting.opened.set(0);

            drain(small.open(completed()));
            drain(small.open(SourceQuery.all(promotions)));
            drain(small.open(completed())); // used again: now promotions is the least recently used
            drain(small.open(refunded)); // over budget: promotions goes
            assertThat(counting.opened.get()).isEqualTo(3);

            drain(small.open(completed()));
            assertThat(counting.opened.get()).isEqualTo(3);
            drain(small.open(SourceQuery.all(promotions)));
            assertThat(counting.opened.get()).isEqualTo(4);
        }
    }

    @Nested
    class Configuration {

        @Test
        void refuses_a_time_to_live_or_wait_that_is_not_positive_and_a_budget_below_one_row() {
            assertThatThrownBy(() -> CachingDataSource.wrap(counting).ttl(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not wrap the source");
            assertThatThrownBy(() -> CachingDataSource.wrap(counting).maxWait(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CachingDataSource.wrap(counting).maxRows(0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void serves_the_wrapped_sources_id() {
            assertThat(cache.id()).isEqualTo("sales");
        }
    }

    private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the readers did not all wait");
    }
}
