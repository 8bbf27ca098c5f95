package io.promoagent.example.cli;

import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataGenerator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Which demo data set a command generates, as {@code --seed}, {@code --customers} and {@code --now} name it:
 * read and checked here for every command that takes them, so that all give the same defaults, the same
 * errors and the same help.
 *
 * @param seed      the generator's seed
 * @param customers how many customers, from 1 to {@link DemoDataGenerator#MAX_CUSTOMERS}
 * @param now       the date the data treats as today
 */
record DemoDataOptions(long seed, int customers, LocalDate now) {

    static final String SEED = "--seed";
    static final String CUSTOMERS = "--customers";
    static final String NOW = "--now";
    /** The options' names, to add to a command's own. */
    static final Set<String> OPTIONS = Set.of(SEED, CUSTOMERS, NOW);
    /** The options in a command's synopsis. */
    static final String SYNOPSIS = "[--seed N] [--customers N] [--now YYYY-MM-DD]";

    /**
     * The data set the arguments name; {@code today} when {@code --now} is absent.
     *
     * @throws UsageException for a seed or a number of customers that is not a whole number in range, or a
     *                        date that is not YYYY-MM-DD
     */
    static DemoDataOptions parse(CommandArguments arguments, LocalDate today) throws UsageException {
        long seed = arguments.longValue(SEED, DemoDataGenerator.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        int customers = (int) arguments.longValue(CUSTOMERS, DemoDataGenerator.DEFAULT_CUSTOMERS, 1,
                DemoDataGenerator.MAX_CUSTOMERS);
        return new DemoDataOptions(seed, customers, arguments.dateValue(NOW).orElse(today));
    }

    /**
     * The help lines of the three options, in the column layout of every command's help; {@code treat} says
     * what treats the {@code --now} date as today ("the data treats").
     */
    static List<String> help(String treat) {
        return List.of(
                "  --seed N             seed of the demo data (default " + DemoDataGenerator.DEFAULT_SEED + ")",
                "  --customers N        number of demo customers, 1 to " + DemoDataGenerator.MAX_CUSTOMERS
                        + " (default " + DemoDataGenerator.DEFAULT_CUSTOMERS + ")",
                "  --now YYYY-MM-DD     the date " + treat + " as today (default: today)");
    }

    /** An engine over this data set, in the demo's default layout. */
    EngineOptions engineOptions() {
        return EngineOptions.demo(seed, customers, now);
    }

    DemoData generate() {
        return DemoDataGenerator.generate(seed, customers, now);
    }

    /** The data set in words, such as {@code 2000 customers (seed 42, now 2026-06-30)}, for progress lines. */
    String describe() {
        return customers + " customers (seed " + seed + ", now " + now + ")";
    }
}
