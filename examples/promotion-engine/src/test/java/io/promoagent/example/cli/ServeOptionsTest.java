package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code serve}'s options of issue 14: {@code --approval-ttl}, {@code --allowed-origin}, {@code --allowed-host}. */
class ServeOptionsTest {

    static final Set<String> OPTIONS = Set.of("--approval-ttl", "--allowed-origin");

    @Test
    void readsADurationInTheShortFormOrIso8601() throws Exception {
        for (var c : List.of(List.of("15m", "PT15M"), List.of("90s", "PT1M30S"), List.of("2h", "PT2H"), List.of("pt5m", "PT5M"))) {
            CommandArguments arguments = CommandArguments.parse(List.of("--approval-ttl", c.get(0)), OPTIONS, Set.of());
            assertThat(arguments.durationValue("--approval-ttl", Duration.ZERO)).as(c.get(0)).isEqualTo(Duration.parse(c.get(1)));
        }
        assertThat(CommandArguments.parse(List.of(), OPTIONS, Set.of()).durationValue("--approval-ttl", Duration.ofMinutes(15)))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesADurationThatIsNotOneOrNotPositive() throws Exception {
        for (String bad : List.of("soon", "15", "0m", "-5m", "PT-1M")) {
            CommandArguments arguments = CommandArguments.parse(List.of("--approval-ttl=" + bad), OPTIONS, Set.of());
            assertThatThrownBy(() -> arguments.durationValue("--approval-ttl", Duration.ZERO)).as(bad)
                    .isInstanceOf(UsageException.class).hasMessageContaining("--approval-ttl");
        }
    }

    @Test
    void takesARepeatableOptionMoreThanOnceAndOthersOnce() throws Exception {
        CommandArguments arguments = CommandArguments.parse(List.of("--allowed-origin", "https://a.example",
                "--allowed-origin=https://b.example"), OPTIONS, Set.of(), 0, Set.of("--allowed-origin"));

        assertThat(arguments.values("--allowed-origin")).containsExactly("https://a.example", "https://b.example");
        assertThatThrownBy(() -> CommandArguments.parse(List.of("--approval-ttl", "1m", "--approval-ttl", "2m"), OPTIONS,
                Set.of(), 0, Set.of("--allowed-origin"))).hasMessageContaining("more than once");
    }

    @Test
    void serveRefusesAnOriginWithAPathBeforeStartingAnything() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PromoAgentCli(Clock.systemUTC(), java.util.Map.of()).run(new String[] {"serve", "--port", "0",
                "--allowed-origin", "https://tools.example.com/app"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(PromoAgentCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--allowed-origin").contains("no path");
    }

    @Test
    void serveRefusesAnApprovalTtlThatIsNotADuration() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PromoAgentCli(Clock.systemUTC(), java.util.Map.of()).run(new String[] {"serve", "--approval-ttl", "soon"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(PromoAgentCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--approval-ttl must be a duration");
    }
}
