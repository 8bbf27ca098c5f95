package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.example.demo.DemoDataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --seed}, {@code --customers} and {@code --now}: one reading for every command that takes them, so the
 * same spellings are accepted, the same defaults apply and a bad value gives the same error everywhere.
 */
class DemoDataOptionsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-15T10:00:00Z"), ZoneOffset.UTC);

    /** Every command that takes the demo data options. */
    private static final List<String> COMMANDS = List.of("demo-data export", "bench capacity", "bench backtest",
            "bench federation", "bench planner", "bench ws", "ask", "query", "serve", "mcp");

    /** Bad demo data options and the error each gives, whatever the command. */
    private static final List<List<String>> BAD = List.of(
            List.of("--seed", "forty-two", "--seed must be a whole number, got 'forty-two'"),
            List.of("--seed", "1.5", "--seed must be a whole number, got '1.5'"),
            List.of("--customers", "0", "--customers must be from 1 to 1000000, got 0"),
            List.of("--customers", "1000001", "--customers must be from 1 to 1000000, got 1000001"),
            List.of("--customers", "many", "--customers must be a whole number, got 'many'"),
            List.of("--customers", "", "--customers must be a whole number, got ''"),
            List.of("--now", "2026-02-30", "--now must be a date as YYYY-MM-DD, got '2026-02-30'"),
            List.of("--now", "30/06/2026", "--now must be a date as YYYY-MM-DD, got '30/06/2026'"));

    private static DemoDataOptions parse(String... args) throws UsageException {
        return DemoDataOptions.parse(CommandArguments.parse(List.of(args), DemoDataOptions.OPTIONS, Set.of()), TODAY);
    }

    @Nested
    class Parsing {
        @Test
        void defaultsToSeed42TwoThousandCustomersAndToday() throws UsageException {
            assertThat(parse()).isEqualTo(new DemoDataOptions(DemoDataGenerator.DEFAULT_SEED,
                    DemoDataGenerator.DEFAULT_CUSTOMERS, TODAY));
        }

        @Test
        void readsTheSameValuesWithASpaceOrAnEqualsSign() throws UsageException {
            DemoDataOptions spaced = parse("--seed", "-3", "--customers", "50", "--now", "2026-01-31");

            assertThat(spaced).isEqualTo(new DemoDataOptions(-3, 50, LocalDate.of(2026, 1, 31)));
            assertThat(parse("--seed=-3", "--customers=50", "--now=2026-01-31")).isEqualTo(spaced);
            assertThat(parse("--now=2026-01-31", "--seed", "-3", "--customers=50")).isEqualTo(spaced);
        }

        @Test
        void acceptsEveryNumberOfCustomersTheGeneratorMakes() throws UsageException {
            assertThat(parse("--customers", "1").customers()).isEqualTo(1);
            assertThat(parse("--customers", "" + DemoDataGenerator.MAX_CUSTOMERS).customers())
                    .isEqualTo(DemoDataGenerator.MAX_CUSTOMERS);
            assertThat(parse("--seed", "" + Long.MIN_VALUE).seed()).isEqualTo(Long.MIN_VALUE);
        }

        @ParameterizedTest(name = "{2}")
        @MethodSource("io.promoagent.example.cli.DemoDataOptionsTest#bad")
        void refusesABadValueSayingWhatIsExpected(String option, String value, String message) {
            assertThatThrownBy(() -> parse(option, value)).isInstanceOf(UsageException.class).hasMessage(message);
            assertThatThrownBy(() -> parse(option + "=" + value)).isInstanceOf(UsageException.class).hasMessage(message);
        }

        @Test
        void describesTheDataSetAsTheProgressLinesSayIt() throws UsageException {
            assertThat(parse("--customers", "300", "--seed", "7").describe())
                    .isEqualTo("300 customers (seed 7, now 2026-07-15)");
        }

        @Test
        void generatesTheDataSetItNames() throws UsageException {
            DemoDataOptions options = parse("--customers", "20", "--seed", "7", "--now", "2026-06-30");

            assertThat(options.generate()).isEqualTo(DemoDataGenerator.generate(7, 20, LocalDate.of(2026, 6, 30)));
            assertThat(options.engineOptions().seed()).isEqualTo(7);
            assertThat(options.engineOptions().customers()).isEqualTo(20);
            assertThat(options.engineOptions().now()).isEqualTo(LocalDate.of(2026, 6, 30));
        }
    }

    static Stream<Arguments> bad() {
        return BAD.stream().map(b -> Arguments.of(b.get(0), b.get(1), b.get(2)));
    }

    static Stream<Arguments> badInEveryCommand() {
        return COMMANDS.stream().flatMap(command -> BAD.stream().flatMap(b -> Stream.of(
                Arguments.of(command, List.of(b.get(0), b.get(1)), b.get(2)),
                Arguments.of(command, List.of(b.get(0) + "=" + b.get(1)), b.get(2)))));
    }

    /** Through the CLI, as a user types them. */
    @Nested
    class InEveryCommand {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private int run(String command, List<String> options) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(options);
            return new PromoAgentCli(CLOCK).run(args.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        private List<String> errLines() {
            return err.toString(StandardCharsets.UTF_8).lines().toList();
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("io.promoagent.example.cli.DemoDataOptionsTest#badInEveryCommand")
        void aBadValueIsTheSameUsageErrorBeforeAnythingStarts(String command, List<String> options, String message) {
            assertThat(run(command, options)).isEqualTo(PromoAgentCli.EXIT_USAGE);

            assertThat(errLines()).first().isEqualTo("promo-agent " + command + ": " + message);
            assertThat(errLines()).hasSize(2);
            assertThat(errLines().get(1)).startsWith("Usage: promo-agent " + command + " ")
                    .contains("--seed N", "--customers N", "--now YYYY-MM-DD");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        @Test
        void everyCommandRefusesAnOptionGivenTwiceOrWithoutItsValue() {
            for (String command : COMMANDS) {
                err.reset();
                assertThat(run(command, List.of("--seed", "1", "--seed=2"))).isEqualTo(PromoAgentCli.EXIT_USAGE);
                assertThat(errLines()).first().isEqualTo("promo-agent " + command + ": option --seed is given more than once");
                err.reset();
                assertThat(run(command, List.of("--now", "--customers", "5"))).isEqualTo(PromoAgentCli.EXIT_USAGE);
                assertThat(errLines()).first().isEqualTo("promo-agent " + command + ": option --now needs a value");
            }
        }

        /**
         * Valid options, spelled both ways, pass the shared check: the command goes on to its next one (an
         * option of its own, or the layout), which this call makes fail so that nothing is loaded.
         */
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.example.cli.DemoDataOptionsTest#nextCheck")
        void everyCommandAcceptsTheSameSpellings(String command, List<String> next, String message) {
            for (List<String> spelling : List.of(List.of("--seed", "7", "--customers", "10", "--now", "2026-06-30"),
                    List.of("--seed=7", "--customers=10", "--now=2026-06-30"))) {
                err.reset();
                List<String> options = new ArrayList<>(spelling);
                options.addAll(next);

                assertThat(run(command, options)).isEqualTo(PromoAgentCli.EXIT_USAGE);

                assertThat(errLines()).first().isEqualTo("promo-agent " + command + ": " + message);
            }
        }

        @Test
        void everyCommandDescribesTheOptionsInTheSameWords() {
            List<String> shared = DemoDataOptions.help("").subList(0, 2);
            for (String command : COMMANDS) {
                out.reset();
                assertThat(run(command, List.of("--help"))).isZero();
                String help = out.toString(StandardCharsets.UTF_8);
                if (command.equals("ask")) {
                    // ask's help names the options on one line, with the same defaults
                    assertThat(help).contains("--seed N, --customers N, --now YYYY-MM-DD   the demo data (defaults "
                            + DemoDataGenerator.DEFAULT_SEED + ", " + DemoDataGenerator.DEFAULT_CUSTOMERS + ", today)");
                } else {
                    assertThat(help.lines().toList()).as(command).containsSubsequence(shared)
                            .anyMatch(l -> l.startsWith("  --now YYYY-MM-DD     the date ") && l.endsWith(" as today (default: today)"));
                }
            }
        }

        /** The two benches with no check of their own after the shared one run, on the data set named. */
        @ParameterizedTest
        @ValueSource(strings = {"bench backtest", "bench capacity"})
        void aBenchWithNoOptionOfItsOwnRunsOnTheDataSetEitherSpellingNames(String command) {
            assertThat(run(command, List.of("--seed=7", "--customers", "10", "--now=2026-06-30", "--json"))).isZero();

            assertThat(errLines()).anyMatch(l -> l.startsWith("Generating 10 customers (seed 7, now 2026-06-30)"));
        }

        @Test
        void aBenchTakesTodayFromTheCliClockLikeEveryOtherCommand() {
            assertThat(run("bench backtest", List.of("--customers", "60", "--json"))).isZero();

            assertThat(errLines()).contains("Generating 60 customers (seed 42, now 2026-07-15)...");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"now\" : \"2026-07-15\"");
        }
    }

    static Stream<Arguments> nextCheck() {
        List<String> badLayout = List.of("--layout", "sqlite");
        String layoutError = "--layout is federated or dynamodb, not 'sqlite'";
        return Stream.of(
                Arguments.of("demo-data export", List.of(), "option --out is required"),
                Arguments.of("bench federation", List.of("--rounds", "0"), "--rounds must be from 1 to 100, got 0"),
                Arguments.of("bench planner", List.of("--rounds", "0"), "--rounds must be from 1 to 10000, got 0"),
                Arguments.of("bench ws", badLayout, layoutError),
                Arguments.of("ask", badLayout, layoutError),
                Arguments.of("query", badLayout, layoutError),
                Arguments.of("serve", badLayout, layoutError),
                Arguments.of("mcp", badLayout, layoutError));
    }
}
