package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.promoagent.core.reply.ReplyJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every request of the development set through {@code promo-agent ask --json} itself: every number of every
 * line it prints is a plain decimal, never in exponent notation ({@code "order_count": 2E+1} was printed
 * before the lines were written with the replies' writer).
 */
class JsonNumbersThroughAskTest {

    @Test
    void noLineOfAskJsonHasANumberInExponentNotation() throws Exception {
        String requests = DevSetThroughAskTest.devSet().stream().map(DevSetThroughAskTest.Case::request)
                .collect(Collectors.joining("\n", "", "\n"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = new AskCommand(Clock.systemUTC(), new ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)))
                .run(List.of("--json", "--customers", "300", "--now", "2026-06-30"),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));

        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(DevSetThroughAskTest.devSet().size());
        int numbers = 0;
        int decimals = 0;
        for (String line : lines) {
            List<String> written = numbers(line);
            numbers += written.size();
            assertThat(written).as(line).noneMatch(n -> n.contains("e") || n.contains("E"));
            decimals += (int) written.stream().filter(n -> n.contains(".")).count();
        }
        assertThat(numbers).as("numbers in the replies").isGreaterThan(1_000);
        // money and averages among them: the numbers a writer would be tempted to shorten
        assertThat(decimals).as("decimals in the replies").isGreaterThan(100);
    }

    private static List<String> numbers(String json) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = ReplyJson.mapper().getFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    out.add(p.getText());
                }
            }
        }
        return out;
    }
}
