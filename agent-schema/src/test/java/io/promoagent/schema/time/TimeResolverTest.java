package io.promoagent.schema.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeResolverTest {

    private static TimeResolver on(String today) {
        return TimeResolver.fixed(LocalDate.parse(today));
    }

    private static DateInterval days(String from, String to) {
        return new DateInterval(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Nested
    class Today {
        @Test
        void isTheClocksDateInUtcByDefault() {
            Clock clock = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);
            assertThat(new TimeResolver(clock).today()).isEqualTo(LocalDate.parse("2026-06-30"));
        }

        @Test
        void isTheClocksDateInTheGivenZone() {
            Clock clock = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);
            assertThat(new TimeResolver(clock, ZoneId.of("Europe/Berlin")).today()).isEqualTo(LocalDate.parse("2026-07-01"));
            assertThat(new TimeResolver(clock, ZoneId.of("America/New_York")).today()).isEqualTo(LocalDate.parse("2026-06-30"));
        }
    }

    @Nested
    class Last {
        @Test
        void lastThirtyDaysStartsThirtyDaysBeforeTodayAndIncludesToday() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Last(30, CalendarUnit.DAY)))
                    .isEqualTo(days("2026-05-31", "2026-06-30"));
        }

        @Test
        void lastZeroDaysIsToday() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Last(0, CalendarUnit.DAY)))
                    .isEqualTo(days("2026-06-30", "2026-06-30"));
        }

        @Test
        void lastDaysCrossTheYearBoundary() {
            assertThat(on("2026-01-05").resolve(new TimeRange.Last(10, CalendarUnit.DAY)))
                    .isEqualTo(days("2025-12-26", "2026-01-05"));
        }

        @Test
        void lastWeeksAreSevenDaysEach() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Last(2, CalendarUnit.WEEK)))
                    .isEqualTo(days("2026-06-16", "2026-06-30"));
        }

        @Test
        void lastMonthFromAMonthEndClampsToTheShorterMonth() {
            assertThat(on("2026-03-31").resolve(new TimeRange.Last(1, CalendarUnit.MONTH)))
                    .isEqualTo(days("2026-02-28", "2026-03-31"));
        }

        @Test
        void lastMonthInALeapYearReachesTheTwentyNinthOfFebruary() {
            assertThat(on("2024-03-31").resolve(new TimeRange.Last(1, CalendarUnit.MONTH)))
                    .isEqualTo(days("2024-02-29", "2024-03-31"));
        }

        @Test
        void lastQuarterIsThreeMonths() {
            assertThat(on("2026-05-31").resolve(new TimeRange.Last(1, CalendarUnit.QUARTER)))
                    .isEqualTo(days("2026-02-28", "2026-05-31"));
        }

        @Test
        void lastYearFromTheTwentyNinthOfFebruaryEndsOnTheTwentyEighth() {
            assertThat(on("2024-02-29").resolve(new TimeRange.Last(1, CalendarUnit.YEAR)))
                    .isEqualTo(days("2023-02-28", "2024-02-29"));
        }
    }

    @Nested
    class Next {
        @Test
        void nextSevenDaysStartsTodayAndEndsSevenDaysLater() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Next(7, CalendarUnit.DAY)))
                    .isEqualTo(days("2026-06-30", "2026-07-07"));
        }

        @Test
        void nextMonthFromTheThirtyFirstOfJanuaryEndsAtTheEndOfFebruary() {
            assertThat(on("2026-01-31").resolve(new TimeRange.Next(1, CalendarUnit.MONTH)))
                    .isEqualTo(days("2026-01-31", "2026-02-28"));
            assertThat(on("2028-01-31").resolve(new TimeRange.Next(1, CalendarUnit.MONTH)))
                    .isEqualTo(days("2028-01-31", "2028-02-29"));
        }

        @Test
        void nextYearCrossesTheYearBoundary() {
            assertThat(on("2026-12-31").resolve(new TimeRange.Next(1, CalendarUnit.YEAR)))
                    .isEqualTo(days("2026-12-31", "2027-12-31"));
        }
    }

    @Nested
    class CalendarUnits {
        @Test
        void thisMonthIsTheWholeCalendarMonth() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, 0)))
                    .isEqualTo(days("2026-06-01", "2026-06-30"));
        }

        @Test
        void lastMonthIsTheCalendarMonthBeforeTodaysMonth() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .isEqualTo(days("2026-05-01", "2026-05-31"));
        }

        @Test
        void lastMonthInMarchIsFebruaryWithItsLeapDay() {
            assertThat(on("2024-03-31").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .isEqualTo(days("2024-02-01", "2024-02-29"));
            assertThat(on("2026-03-31").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .isEqualTo(days("2026-02-01", "2026-02-28"));
        }

        @Test
        void lastMonthInJanuaryIsDecemberOfThePreviousYear() {
            assertThat(on("2026-01-10").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .isEqualTo(days("2025-12-01", "2025-12-31"));
        }

        @Test
        void nextMonthInDecemberIsJanuaryOfTheNextYear() {
            assertThat(on("2026-12-31").resolve(new TimeRange.Calendar(CalendarUnit.MONTH, 1)))
                    .isEqualTo(days("2027-01-01", "2027-01-31"));
        }

        @Test
        void thisWeekRunsFromMondayToSunday() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.WEEK, 0)))
                    .isEqualTo(days("2026-06-29", "2026-07-05"));
        }

        @Test
        void onSundayThisWeekStillStartedOnMonday() {
            assertThat(on("2026-07-05").resolve(new TimeRange.Calendar(CalendarUnit.WEEK, 0)))
                    .isEqualTo(days("2026-06-29", "2026-07-05"));
        }

        @Test
        void aWeekMaySpanTwoYears() {
            assertThat(on("2026-01-01").resolve(new TimeRange.Calendar(CalendarUnit.WEEK, 0)))
                    .isEqualTo(days("2025-12-29", "2026-01-04"));
            assertThat(on("2026-01-01").resolve(new TimeRange.Calendar(CalendarUnit.WEEK, -1)))
                    .isEqualTo(days("2025-12-22", "2025-12-28"));
            assertThat(on("2020-12-31").resolve(new TimeRange.Calendar(CalendarUnit.WEEK, 1)))
                    .isEqualTo(days("2021-01-04", "2021-01-10"));
        }

        @Test
        void thisQuarterIsItsThreeWholeMonths() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.QUARTER, 0)))
                    .isEqualTo(days("2026-04-01", "2026-06-30"));
        }

        @Test
        void lastQuarterInFebruaryIsTheLastQuarterOfThePreviousYear() {
            assertThat(on("2026-02-01").resolve(new TimeRange.Calendar(CalendarUnit.QUARTER, -1)))
                    .isEqualTo(days("2025-10-01", "2025-12-31"));
        }

        @Test
        void thisYearAndLastYear() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.YEAR, 0)))
                    .isEqualTo(days("2026-01-01", "2026-12-31"));
            assertThat(on("2026-06-30").resolve(new TimeRange.Calendar(CalendarUnit.YEAR, -1)))
                    .isEqualTo(days("2025-01-01", "2025-12-31"));
        }

        @Test
        void yesterdayAndTomorrowAreSingleDays() {
            assertThat(on("2026-01-01").resolve(new TimeRange.Calendar(CalendarUnit.DAY, -1)))
                    .isEqualTo(days("2025-12-31", "2025-12-31"));
            assertThat(on("2024-02-28").resolve(new TimeRange.Calendar(CalendarUnit.DAY, 1)))
                    .isEqualTo(days("2024-02-29", "2024-02-29"));
        }
    }

    @Nested
    class RestOf {
        @Test
        void restOfTheWeekEndsOnSunday() {
            assertThat(on("2026-06-30").resolve(new TimeRange.RestOf(CalendarUnit.WEEK)))
                    .isEqualTo(days("2026-06-30", "2026-07-05"));
            assertThat(on("2026-07-05").resolve(new TimeRange.RestOf(CalendarUnit.WEEK)))
                    .isEqualTo(days("2026-07-05", "2026-07-05"));
        }

        @Test
        void restOfTheWeekMayEndNextYear() {
            assertThat(on("2025-12-30").resolve(new TimeRange.RestOf(CalendarUnit.WEEK)))
                    .isEqualTo(days("2025-12-30", "2026-01-04"));
        }

        @Test
        void restOfFebruaryInALeapYearEndsOnTheTwentyNinth() {
            assertThat(on("2024-02-10").resolve(new TimeRange.RestOf(CalendarUnit.MONTH)))
                    .isEqualTo(days("2024-02-10", "2024-02-29"));
        }

        @Test
        void restOfTheQuarterAndTheYear() {
            assertThat(on("2026-11-15").resolve(new TimeRange.RestOf(CalendarUnit.QUARTER)))
                    .isEqualTo(days("2026-11-15", "2026-12-31"));
            assertThat(on("2026-06-30").resolve(new TimeRange.RestOf(CalendarUnit.YEAR)))
                    .isEqualTo(days("2026-06-30", "2026-12-31"));
        }

        @Test
        void restOfTheDayIsToday() {
            assertThat(on("2026-06-30").resolve(new TimeRange.RestOf(CalendarUnit.DAY)))
                    .isEqualTo(days("2026-06-30", "2026-06-30"));
        }
    }

    @Nested
    class OpenAndAbsolute {
        @Test
        void betweenIsTakenAsGiven() {
            assertThat(on("2026-06-30").resolve(new TimeRange.Between(LocalDate.parse("2020-02-29"), LocalDate.parse("2021-01-01"))))
                    .isEqualTo(days("2020-02-29", "2021-01-01"));
        }

        @Test
        void upToTodayAndFromTodayAreOpenOnOneSideWithBoundsThatSortAsText() {
            assertThat(on("2026-06-30").resolve(new TimeRange.ToToday())).isEqualTo(days("0000-01-01", "2026-06-30"));
            assertThat(on("2026-06-30").resolve(new TimeRange.FromToday())).isEqualTo(days("2026-06-30", "9999-12-31"));
            assertThat(DateInterval.EARLIEST.toString()).isLessThan("1000-01-01");
            assertThat(DateInterval.LATEST.toString()).isGreaterThan("2999-12-31");
        }

        @Test
        void anIntervalContainsItsBothEnds() {
            DateInterval may = days("2026-05-01", "2026-05-31");
            assertThat(may.contains(LocalDate.parse("2026-05-01"))).isTrue();
            assertThat(may.contains(LocalDate.parse("2026-05-31"))).isTrue();
            assertThat(may.contains(LocalDate.parse("2026-06-01"))).isFalse();
            assertThat(may.contains(LocalDate.parse("2026-04-30"))).isFalse();
            assertThat(days("2026-05-02", "2026-05-01").isEmpty()).isTrue();
        }
    }
}
