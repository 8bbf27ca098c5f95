package io.promoagent.planner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.ir.CalendarUnit;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeParserTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    static TimePhrase parse(String text) {
        var tokens = Tokenizer.tokenize(text);
        TimeParser.Result r = TimeParser.parse(tokens, 0, TODAY);
        assertThat(r).as(text).isNotNull();
        assertThat(r.length()).as(text + " is read whole").isEqualTo(tokens.size());
        return r.phrase();
    }

    @Nested
    class RelativePeriods {
        @Test
        void theLastWeeksAreCountedInDays() {
            assertThat(parse("in the last 2 weeks").range()).isEqualTo(new TimeRange.Last(14, CalendarUnit.DAY));
            assertThat(parse("past 30 days").range()).isEqualTo(new TimeRange.Last(30, CalendarUnit.DAY));
        }

        @Test
        void lastThisAndNextNameWholeCalendarUnits() {
            assertThat(parse("last month").range()).isEqualTo(new TimeRange.Calendar(CalendarUnit.MONTH, -1));
            assertThat(parse("this year").range()).isEqualTo(new TimeRange.Calendar(CalendarUnit.YEAR, 0));
            assertThat(parse("next quarter").range()).isEqualTo(new TimeRange.Calendar(CalendarUnit.QUARTER, 1));
            assertThat(parse("yesterday").range()).isEqualTo(new TimeRange.Calendar(CalendarUnit.DAY, -1));
        }

        @Test
        void somethingStillToComeThisWeekRunsFromTodayToTheEndOfTheWeek() {
            assertThat(TimeFilters.filter("ends_at", parse("this week"), true, TODAY))
                    .isEqualTo(new Within("ends_at", new TimeRange.RestOf(CalendarUnit.WEEK)));
            assertThat(TimeFilters.filter("join_date", parse("this week"), false, TODAY))
                    .isEqualTo(new Within("join_date", new TimeRange.Calendar(CalendarUnit.WEEK, 0)));
        }

        @Test
        void aBareSpanIsKeptForTheRuleOrVerbThatTakesIt() {
            TimePhrase p = parse("60 days");
            assertThat(p.isSpan()).isTrue();
            assertThat(p.amount()).isEqualTo(60);
            assertThat(TimeFilters.filter("order_date", p, false, TODAY))
                    .isEqualTo(new Within("order_date", new TimeRange.Last(60, CalendarUnit.DAY)));
        }
    }

    @Nested
    class AbsoluteDates {
        @Test
        void sinceAndBeforeBecomeComparisons() {
            assertThat(TimeFilters.filter("order_date", parse("since March 2026"), false, TODAY))
                    .isEqualTo(Compare.of("order_date", Operator.GTE, "2026-03-01"));
            assertThat(TimeFilters.filter("order_date", parse("before 2026-01-01"), false, TODAY))
                    .isEqualTo(Compare.of("order_date", Operator.LT, "2026-01-01"));
        }

        @Test
        void aMonthWithoutAYearIsTheLastOneSinceAndTheNextOneUntil() {
            assertThat(parse("in August").from()).isEqualTo(LocalDate.of(2025, 8, 1));
            assertThat(parse("until August").to()).isEqualTo(LocalDate.of(2026, 8, 31));
        }

        @Test
        void betweenTwoDatesIncludesBoth() {
            TimePhrase p = parse("between 2026-01-01 and 2026-03-31");
            assertThat(TimeFilters.filter("order_date", p, false, TODAY)).isEqualTo(new Within("order_date",
                    new TimeRange.Between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31))));
        }

        @Test
        void theEndOfNextMonthIsItsLastDay() {
            assertThat(TimeFilters.day(parse("until the end of next month"), true, TODAY)).isEqualTo(LocalDate.of(2026, 7, 31));
            assertThat(TimeFilters.day(parse("by the end of next month"), true, TODAY)).isEqualTo(LocalDate.of(2026, 7, 31));
        }

        @Test
        void monthNamesThatAreAlsoWordsNeedAPrepositionOrADay() {
            assertThat(TimeParser.parse(Tokenizer.tokenize("may"), 0, TODAY)).isNull();
            assertThat(parse("May 3").from()).isEqualTo(LocalDate.of(2026, 5, 3));
        }
    }
}
