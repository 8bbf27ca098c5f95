package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.reply.TableRead;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.Tool;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RecordingSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The tables the promotion-intelligence tools compute carry the typed queries they read with, in the order
 * read and each with what it feeds, and explaining those queries reads no record: the source is counted.
 */
class TableReadsTest {

    final RecordingSource source = new RecordingSource(InMemoryRecordStore.builder(Demo.MODEL).rows(Demo.DATA.rows()).build());
    final QueryEngine engine = QueryEngine.builder(Demo.MODEL).source(source).clock(Demo.CLOCK).build();
    final List<Tool> tools = concat(PromotionTools.create(Demo.MODEL, engine,
            InMemoryRecordStore.builder(Demo.MODEL).build(), Demo.CLOCK), PromotionTools.insightTools(Demo.MODEL, engine));

    private static List<Tool> concat(List<Tool> a, List<Tool> b) {
        List<Tool> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    TableBlock table(String tool, String json) {
        ReadTool read = (ReadTool) tools.stream().filter(t -> t.descriptor().name().equals(tool)).findFirst().orElseThrow();
        return read.execute(Demo.call(tool, json), Demo.as(Demo.MIA)).blocks().stream()
                .filter(TableBlock.class::isInstance).map(TableBlock.class::cast).findFirst().orElseThrow();
    }

    /** Explains every read of the table and checks that no record was read doing it. */
    List<ReadEstimate> explainReadingNothing(TableBlock table) {
        QueryTool query = QueryTool.of(engine);
        int opened = source.opened().size();
        int explained = source.explained().size();
        List<ReadEstimate> estimates = table.reads().stream()
                .map(r -> query.explain(r.query(), Demo.as(Demo.MIA))).toList();
        assertThat(source.opened().size()).as("records read while explaining").isEqualTo(opened);
        assertThat(source.explained().size() - explained).as("source explanations").isGreaterThanOrEqualTo(estimates.size());
        assertThat(estimates).allSatisfy(e -> assertThat(e.reads()).isNotEmpty());
        return estimates;
    }

    List<Row> rerun(TableRead read) {
        return engine.execute(QueryJson.read(read.query())).rows();
    }

    @Nested
    class Lifecycle {
        @Test
        void carriesTheIdsReadAndOneReadPerStageRuleInTheOrderTried() {
            TableBlock counts = table(PromotionTools.LIFECYCLE, "{}");

            assertThat(counts.query()).isNull();
            List<TableRead> reads = counts.reads();
            assertThat(reads.get(0).purpose()).isEqualTo("customers: every id, so that each gets a stage");
            assertThat(rerun(reads.get(0))).hasSize(Demo.DATA.rows("customers").size());
            // the new-customer rule first, then the seasonal buyers, then the remaining stage rules in order
            assertThat(reads.get(1).purpose()).isEqualTo("customers: who meets new_customer, the new stage");
            assertThat(reads.get(2).purpose()).startsWith("customers: who meets seasonal_customer and ordered in the last 365 days");
            assertThat(reads).extracting(TableRead::purpose).contains(
                    "customers: who meets lapsed_customer(days=365), the churned stage",
                    "customers: who does not meet at_risk_customer(to_days=365), the active stage");
            assertThat(reads).hasSize(1 + 2 + 5);
            // the churned read finds at least the customers the table counts as churned
            long churned = ((BigDecimal) counts.rows().stream().filter(r -> r.get("stage").equals("churned")).findFirst()
                    .orElseThrow().get("customers")).longValue();
            TableRead churnedRead = reads.stream().filter(r -> r.purpose().contains("churned")).findFirst().orElseThrow();
            assertThat((long) rerun(churnedRead).size()).isGreaterThanOrEqualTo(churned);

            explainReadingNothing(counts);
        }

        @Test
        void aStagesListCarriesTheSameReads() {
            assertThat(table(PromotionTools.LIFECYCLE, "{\"stage\":\"lapsed\"}").reads())
                    .isEqualTo(table(PromotionTools.LIFECYCLE, "{}").reads());
        }
    }

    @Nested
    class Seasonality {
        @Test
        void carriesTheMonthlyCountItIsComputedFrom() {
            TableBlock table = table(PromotionTools.SEASONALITY, "{\"by\":\"segment\"}");

            TableRead read = table.reads().get(0);
            assertThat(table.reads()).hasSize(1);
            assertThat(read.purpose()).isEqualTo("orders: the number per month and customer.segment, which the indices are"
                    + " computed from");
            long counted = rerun(read).stream().mapToLong(r -> ((Number) r.valueOrNull("count")).longValue()).sum();
            assertThat(counted).isEqualTo(Demo.DATA.rows("orders").size());

            List<ReadEstimate> estimates = explainReadingNothing(table);
            // the segment lives on customers, so the estimate crosses to them
            assertThat(estimates.get(0).reads()).extracting(ReadEstimate.SourceRead::accessPath).isNotEmpty();
        }
    }

    @Nested
    class Performance {
        @Test
        void carriesThePromotionsTheOrdersWithTheirCodesAndEachUpliftsReads() {
            TableBlock table = table(PromotionTools.PERFORMANCE, "{}");

            List<TableRead> reads = table.reads();
            assertThat(reads.get(0).purpose()).isEqualTo("promotions: every promotion's terms, status and budget");
            assertThat(rerun(reads.get(0))).hasSize(Demo.DATA.rows("promotions").size());
            assertThat(reads.get(1).purpose()).startsWith("orders: the orders carrying ")
                    .endsWith("(redemptions, customers, revenue and discount cost)");
            long redemptions = table.rows().stream().mapToLong(r -> ((BigDecimal) r.get("redemptions")).longValue()).sum();
            assertThat((long) rerun(reads.get(1)).size()).isEqualTo(redemptions);
            long controlled = table.rows().stream().filter(r -> r.containsKey("treated_members")).count();
            // each measured promotion read its audience on its first day and the orders while it ran
            assertThat(reads.stream().filter(r -> r.purpose().contains("'s audience on its first day"))).hasSizeGreaterThanOrEqualTo((int) controlled);
            assertThat(reads.stream().filter(r -> r.purpose().contains("'s measured uplift: who of its audience ordered")))
                    .hasSizeGreaterThanOrEqualTo((int) controlled);

            explainReadingNothing(table);
        }

        @Test
        void oneCodeCarriesItsOwnOrdersRead() {
            TableBlock table = table(PromotionTools.PERFORMANCE, "{\"code\":\"SUMMER25\"}");

            assertThat(table.reads()).extracting(TableRead::purpose)
                    .contains("orders: the orders carrying the code SUMMER25 (redemptions, customers, revenue and discount cost)");
            explainReadingNothing(table);
        }
    }
}
