package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.testing.GatedSource;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.ir.CalendarUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryResultCacheTest {

    private final DataModel model = ShopFixture.model();
    private final GatedSource crm = new GatedSource(new InMemoryDataSource("crm", ShopFixture.source(ShopFixture.data(), "customers")));
    private final GatedSource sales = new GatedSource(new InMemoryDataSource("sales",
            ShopFixture.source(ShopFixture.data(), "orders", "promotions")));
    private final MutableClock clock = new MutableClock();
    private final QueryResultCache cache = QueryResultCache.builder().ttl(Duration.ofSeconds(30)).clock(clock).build();
    private final QueryEngine engine = QueryEngine.builder(model).source(crm, sales).clock(clock).resultCache(cache).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final Query vips = Query.builder("customers").where(Compare.eq("segment", "VIP")).build();
    private final Query revenueBySegment = Query.builder("orders").groupBy(GroupBy.of("customer.segment"))
            .aggregate(Aggregate.measure("revenue")).build();
    private final Query ordersToday = Query.builder("orders")
            .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.DAY, 0))).build();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private int opens() {
        return crm.opened.get() + sales.opened.get();
    }

    @Nested
    class AnsweringAgain {

        @Test
        void a_question_asked_again_is_answered_without_reading_and_with_the_same_rows() {
            QueryResult first = engine.execute(revenueBySegment);
            int reads = opens();

            QueryResult again = engine.execute(revenueBySegment);

            assertThat(opens()).isEqualTo(reads);
            assertThat(again.rows()).isEqualTo(first.rows());
            assertThat(again.columns()).isEqualTo(first.columns());
            assertThat(cache.stats().hits()).isEqualTo(1);
        }

        @Test
        void an_answer_from_the_cache_costs_nothing_and_says_where_it_came_from() {
            QueryResult first = engine.execute(vips);
            assertThat(first.stats().calls()).isPositive();
            clock.advance(Duration.ofMillis(1500));

            QueryResult again = engine.execute(vips);

            assertThat(again.stats()).isEqualTo(ExecutionStats.NONE);
            assertThat(again.explanations()).hasSameSizeAs(first.explanations()).allSatisfy(e ->
                    assertThat(e.notes()).last().isEqualTo("answered from the result cache, computed 1500 ms ago"));
        }

        @Test
        void the_same_question_on_another_day_is_computed_again() {
            engine.execute(ordersToday);
            int reads = opens();

            clock.advance(Duration.ofDays(1));
            engine.execute(ordersToday);

            assertThat(opens()).isGreaterThan(reads);
        }

        @Test
        void an_answer_older_than_its_time_to_live_is_computed_again() {
            engine.execute(vips);
            clock.advance(Duration.ofSeconds(29));
            engine.execute(vips);
            assertThat(cache.stats().misses()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            engine.execute(vips);
            assertThat(cache.stats().misses()).isEqualTo(2);
        }
    }

    @Nested
    class SeeingWrites {

        @Test
        void a_write_to_any_entity_an_answer_read_forgets_it() {
            engine.execute(revenueBySegment); // reads orders, and customers for their segment
            engine.execute(vips);

            cache.invalidate("customers");

            assertThat(cache.stats().answers()).isZero();
        }

        @Test
        void a_write_to_an_entity_an_answer_did_not_read_keeps_it() {
            engine.execute(vips);

            cache.invalidate("orders");

            assertThat(cache.stats().answers()).isEqualTo(1);
        }

        @Test
        void an_answer_computed_while_a_write_was_announced_is_not_kept() throws Exception {
            crm.holdNextOpen();
            Future<QueryResult> computing = threads.submit(() -> engine.execute(vips));
            crm.awaitHeld();

            cache.invalidate("customers");
            crm.release();
            computing.get(5, TimeUnit.SECONDS);

            assertThat(cache.stats().answers()).isZero();
        }
    }

    @Nested
    class ManyAskingAtOnce {

        @Test
        void those_asking_a_question_being_answered_wait_for_that_answer() throws Exception {
            crm.holdNextOpen();
            Future<QueryResult> first = threads.submit(() -> engine.execute(vips));
            crm.awaitHeld();
            List<Future<QueryResult>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(threads.submit(() -> engine.execute(vips)));
            }
            awaitMisses(1, 4);

            crm.release();
            QueryResult answer = first.get(5, TimeUnit.SECONDS);
            for (Future<QueryResult> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS).rows()).isEqualTo(answer.rows());
            }
            assertThat(crm.opened.get()).isEqualTo(1);
        }

        @Test
        void a_failure_reaches_those_who_waited_and_nothing_is_kept() throws Exception {
            crm.holdNextOpen();
            crm.failNextOpen();
            Future<QueryResult> first = threads.submit(() -> engine.execute(vips));
            crm.awaitHeld();
            Future<QueryResult> waiting = threads.submit(() -> engine.execute(vips));
            awaitMisses(1, 1);

            crm.release();

            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(DataSourceException.class);
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("the store is down");
            assertThat(cache.stats().answers()).isZero();
            assertThat(engine.execute(vips).rows()).isNotEmpty();
        }

        /** Waits until {@code misses} questions are being computed and {@code waiting} threads wait for them. */
        private void awaitMisses(int misses, int waiting) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                long parked = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getState() == Thread.State.WAITING && isJoining(t)).count();
                if (cache.stats().misses() == misses && parked == waiting) {
                    return;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("the askers did not all wait");
        }

        private boolean isJoining(Thread t) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals(QueryResultCache.class.getName())) {
                    return true;
                }
            }
            return false;
        }
    }

    @Nested
    class TheBudget {

        @Test
        void the_least_recently_used_answer_goes_first_when_too_many_are_kept() {
            QueryResultCache two = QueryResultCache.builder().maxAnswers(2).build();
            QueryEngine small = QueryEngine.builder(model).source(crm, sales).clock(clock).resultCache(two).build();
            small.execute(vips);
            small.execute(revenueBySegment);
            small.execute(vips); // used again: revenueBySegment is now the least recently used
            small.execute(ordersToday);

            int reads = opens();
            small.execute(vips);
            assertThat(opens()).isEqualTo(reads);
            small.execute(revenueBySegment);
            assertThat(opens()).isGreaterThan(reads);
        }

        @Test
        void an_answer_larger_than_the_row_budget_is_not_kept() {
            QueryResultCache tiny = QueryResultCache.builder().maxRows(1).build();
            QueryEngine small = QueryEngine.builder(model).source(crm, sales).clock(clock).resultCache(tiny).build();

            assertThat(small.execute(Query.builder("customers").build()).size()).isGreaterThan(1);
            assertThat(tiny.stats().answers()).isZero();
        }

        @Test
        void refuses_a_time_to_live_that_is_not_positive_and_budgets_below_one() {
            assertThatThrownBy(() -> QueryResultCache.builder().ttl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("give the engine no result cache");
            assertThatThrownBy(() -> QueryResultCache.builder().maxAnswers(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> QueryResultCache.builder().maxRows(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
