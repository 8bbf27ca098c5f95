package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromoAgentCliTest {
    private static final Clock TODAY_IS_2026_07_15 = Clock.fixed(Instant.parse("2026-07-15T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PromoAgentCli cli = new PromoAgentCli(TODAY_IS_2026_07_15);
        return cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode manifest(Path directory) throws IOException {
        return JSON.readTree(directory.resolve("manifest.json").toFile());
    }

    @Nested
    class DemoDataExport {
        @Test
        void writesTheFilesForTheGivenSeedCustomersAndToday() throws IOException {
            Path directory = temp.resolve("demo");

            int exitCode = run("demo-data", "export", "--seed", "7", "--customers", "300", "--now", "2026-06-30",
                    "--out", directory.toString());

            assertThat(exitCode).isZero();
            assertThat(err()).isEmpty();
            assertThat(directory.resolve("customers.jsonl")).isRegularFile();
            assertThat(directory.resolve("orders.jsonl")).isRegularFile();
            assertThat(directory.resolve("promotions.jsonl")).isRegularFile();
            JsonNode manifest = manifest(directory);
            assertThat(manifest.get("seed").asLong()).isEqualTo(7);
            assertThat(manifest.get("customers").asInt()).isEqualTo(300);
            assertThat(manifest.get("now").asText()).isEqualTo("2026-06-30");
            assertThat(out()).startsWith("Wrote 300 customers, ")
                    .contains(manifest.get("rows").get("orders.jsonl").asText() + " orders")
                    .contains(directory.toString());
        }

        @Test
        void defaultsToSeed42TwoThousandCustomersAndTodayFromTheClock() throws IOException {
            Path directory = temp.resolve("defaults");

            int exitCode = run("demo-data", "export", "--out", directory.toString());

            assertThat(exitCode).isZero();
            JsonNode manifest = manifest(directory);
            assertThat(manifest.get("seed").asLong()).isEqualTo(42);
            assertThat(manifest.get("customers").asInt()).isEqualTo(2000);
            assertThat(manifest.get("now").asText()).isEqualTo("2026-07-15");
        }

        @Test
        void acceptsOptionsWrittenWithAnEqualsSignAndNegativeSeeds() throws IOException {
            Path directory = temp.resolve("equals");

            int exitCode = run("demo-data", "export", "--seed=-3", "--customers=50", "--now=2026-01-31",
                    "--out=" + directory);

            assertThat(exitCode).isZero();
            assertThat(manifest(directory).get("seed").asLong()).isEqualTo(-3);
            assertThat(manifest(directory).get("customers").asInt()).isEqualTo(50);
        }

        @Test
        void givesTheSameFilesAsTheLibraryForTheSameInputs() throws IOException {
            Path first = temp.resolve("first");
            Path second = temp.resolve("second");

            run("demo-data", "export", "--customers", "100", "--out", first.toString());
            run("demo-data", "export", "--customers", "100", "--now", "2026-07-15", "--seed", "42",
                    "--out", second.toString());

            for (String file : List.of("customers.jsonl", "orders.jsonl", "promotions.jsonl", "manifest.json")) {
                assertThat(Files.readAllBytes(second.resolve(file))).isEqualTo(Files.readAllBytes(first.resolve(file)));
            }
        }

        @Test
        void failsWithExitCodeOneWhenTheDirectoryCannotBeWritten() throws IOException {
            Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

            int exitCode = run("demo-data", "export", "--customers", "10", "--out", file.toString());

            assertThat(exitCode).isEqualTo(1);
            assertThat(err()).startsWith("promo-agent: cannot write the demo data to " + file);
            assertThat(out()).isEmpty();
        }
    }

    @Nested
    class BadInput {
        static Stream<Arguments> badCommandLines() {
            return Stream.of(
                    Arguments.of(List.of("--bogus", "1"), "unknown option '--bogus'"),
                    Arguments.of(List.of("--seed", "forty-two"), "--seed must be a whole number, got 'forty-two'"),
                    Arguments.of(List.of("--seed", "1.5"), "--seed must be a whole number, got '1.5'"),
                    Arguments.of(List.of("--now", "2026-02-30"),
                            "--now must be a date as YYYY-MM-DD, got '2026-02-30'"),
                    Arguments.of(List.of("--now", "yesterday"),
                            "--now must be a date as YYYY-MM-DD, got 'yesterday'"),
                    Arguments.of(List.of("--customers", "0"), "--customers must be from 1 to 1000000, got 0"),
                    Arguments.of(List.of("--customers", "1000001"),
                            "--customers must be from 1 to 1000000, got 1000001"),
                    Arguments.of(List.of("--customers", "many"), "--customers must be a whole number, got 'many'"),
                    Arguments.of(List.of("--customers", "99999999999999999999"),
                            "--customers must be a whole number, got '99999999999999999999'"),
                    Arguments.of(List.of("--seed", "1"), "option --out is required"),
                    Arguments.of(List.of("--out"), "option --out needs a value"),
                    Arguments.of(List.of("--seed", "--customers", "5"), "option --seed needs a value"),
                    Arguments.of(List.of("--seed", "1", "--seed", "2"), "option --seed is given more than once"),
                    Arguments.of(List.of("extra"), "unexpected argument 'extra'"),
                    Arguments.of(List.of("--help=yes"), "option --help takes no value"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("badCommandLines")
        void isRefusedWithExitCodeTwoAOneLineErrorAndTheUsage(List<String> options, String message) {
            Path directory = temp.resolve("never-written");
            List<String> args = new ArrayList<>(List.of("demo-data", "export"));
            args.addAll(options);
            if (!options.contains("--out") && !message.contains("--out")) {
                args.addAll(List.of("--out", directory.toString()));
            }

            int exitCode = run(args.toArray(String[]::new));

            assertThat(exitCode).isEqualTo(2);
            assertThat(err().lines().toList()).containsExactly(
                    "promo-agent demo-data export: " + message,
                    "Usage: promo-agent demo-data export [--seed N] [--customers N] [--now YYYY-MM-DD] --out DIR");
            assertThat(out()).isEmpty();
            assertThat(directory).doesNotExist();
        }

        @Test
        void anUnknownCommandIsRefusedWithTheListOfCommands() {
            int exitCode = run("demo-data", "import", "--out", "x");

            assertThat(exitCode).isEqualTo(2);
            assertThat(err().lines().toList())
                    .startsWith("promo-agent: unknown command 'demo-data import'",
                            "Usage: promo-agent <command> [options]")
                    .anyMatch(line -> line.contains("demo-data export"));
            assertThat(out()).isEmpty();
        }

        @Test
        void noArgumentsAtAllIsRefusedWithTheListOfCommands() {
            int exitCode = run();

            assertThat(exitCode).isEqualTo(2);
            assertThat(err()).startsWith("promo-agent: no command given\n").contains("demo-data export");
        }
    }

    @Nested
    class Help {
        @ParameterizedTest
        @ValueSource(strings = {"help", "--help", "-h"})
        void listsTheCommandsOnStandardOutput(String word) {
            int exitCode = run(word);

            assertThat(exitCode).isZero();
            assertThat(out()).startsWith("Usage: promo-agent <command> [options]").contains("demo-data export");
            assertThat(err()).isEmpty();
        }

        @Test
        void describesTheOptionsOfACommand() {
            int exitCode = run("demo-data", "export", "--help");

            assertThat(exitCode).isZero();
            assertThat(out()).startsWith("Usage: promo-agent demo-data export [--seed N]")
                    .contains("--customers N", "--now YYYY-MM-DD", "--out DIR", "default 42");
            assertThat(err()).isEmpty();
        }

        @Test
        void describesACommandNamedAfterHelp() {
            int exitCode = run("help", "demo-data", "export");

            assertThat(exitCode).isZero();
            assertThat(out()).startsWith("Usage: promo-agent demo-data export");
        }
    }
}
