package io.promoagent.example.demo;

import java.time.LocalDate;
import java.util.Set;

/** When in the year a customer buys: all year, only in the fourth quarter, or only in summer. */
public enum Cohort {
    YEAR_ROUND("year_round", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
    Q4_ONLY("q4_only", Set.of(10, 11, 12)),
    SUMMER("summer", Set.of(6, 7, 8));

    private final String wireName;
    private final Set<Integer> months;

    Cohort(String wireName, Set<Integer> months) {
        this.wireName = wireName;
        this.months = months;
    }

    /** Whether a customer of this cohort buys on that day. */
    public boolean buysOn(LocalDate day) {
        return months.contains(day.getMonthValue());
    }

    /** The value as it is exported in the planted truth, for example {@code q4_only}. */
    public String wireName() {
        return wireName;
    }
}
