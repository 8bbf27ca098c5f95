package io.promoagent.schema.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.CalendarUnit;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading dates and truncating them for groups: the fast paths agree with java.time's own parsing and formatting. */
class ValuesDatesTest {

    @Nested
    @DisplayName("dateOf")
    class DateOf {

        @Test
        void reads_every_day_of_four_centuries_as_LocalDate_parse_does() {
            for (LocalDate d = LocalDate.of(1900, 1, 1); d.isBefore(LocalDate.of(2300, 1, 1)); d = d.plusDays(1)) {
                assertThat(Values.dateOf(d.toString())).contains(d);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026/01/01", "2026-1-01x",
                "20260-1-01", "abcd-ef-gh", "2026-0a-01", "-026-01-01", "+026-01-01", "2026--1-01", "2026-01-32"})
        void refuses_ten_characters_that_LocalDate_parse_refuses(String text) {
            assertThat(parsesWithJavaTime(text)).isFalse();
            assertThat(Values.dateOf(text)).isEmpty();
        }

        @Test
        void agrees_with_LocalDate_parse_on_random_ten_character_strings() {
            Random random = new Random(7);
            String alphabet = "0123456789-+/ ";
            for (int i = 0; i < 200_000; i++) {
                char[] chars = "2026-06-30".toCharArray();
                // change one to three characters of a valid date, so that most strings are nearly dates
                for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                    chars[random.nextInt(10)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                String text = new String(chars);
                Optional<LocalDate> expected = parsesWithJavaTime(text) ? Optional.of(LocalDate.parse(text)) : Optional.empty();
                assertThat(Values.dateOf(text)).as(text).isEqualTo(expected);
            }
        }

        @Test
        void still_reads_timestamps_by_their_UTC_day() {
            assertThat(Values.dateOf("2026-06-30T23:30:00-02:00")).contains(LocalDate.of(2026, 7, 1));
            assertThat(Values.dateOf("2026-06-30T10:00:00Z")).contains(LocalDate.of(2026, 6, 30));
        }
    }

    @Nested
    @DisplayName("truncate")
    class Truncate {

        @Test
        void writes_months_quarters_and_years_as_the_ISO_formatter_would() {
            for (LocalDate d = LocalDate.of(1, 1, 1); d.getYear() < 10_000; d = d.plusDays(37)) {
                String date = d.toString();
                assertThat(Values.truncate(date, CalendarUnit.MONTH))
                        .contains(String.format(Locale.ROOT, "%04d-%02d", d.getYear(), d.getMonthValue()));
                assertThat(Values.truncate(date, CalendarUnit.QUARTER))
                        .contains(String.format(Locale.ROOT, "%04d-Q%d", d.getYear(), d.get(IsoFields.QUARTER_OF_YEAR)));
                assertThat(Values.truncate(date, CalendarUnit.YEAR)).contains(String.format(Locale.ROOT, "%04d", d.getYear()));
            }
        }

        @Test
        void gives_no_group_to_a_value_that_is_not_a_date() {
            assertThat(Values.truncate("June", CalendarUnit.MONTH)).isEmpty();
            assertThat(Values.truncate(java.math.BigDecimal.ONE, CalendarUnit.YEAR)).isEmpty();
        }
    }

    private static boolean parsesWithJavaTime(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
