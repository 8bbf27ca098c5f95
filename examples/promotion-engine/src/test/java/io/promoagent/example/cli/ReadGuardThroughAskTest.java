package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.app.ReadLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read guard and explanations as {@code promo-agent ask} prints them, on the demo engine whose customers
 * table (60 items) counts as large here: {@code --explain} prints the estimate before the answer, a held read
 * says how to confirm it, {@code /confirm HANDLE} runs it, {@code --confirm-reads} confirms in advance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadGuardThroughAskTest {

    private static final Pattern CONFIRM = Pattern.compile("/confirm (\\S+)");

    private PromotionEngine engine;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 60, LocalDate.of(2026, 6, 30))
                .withReadLimits(new ReadLimits(ReadBudget.DEFAULTS.withLargeTableItems(10), ReadPricing.defaults())));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private String printed() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return s;
    }

    @Test
    void explainPrintsTheEstimateBeforeTheAnswer() {
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.ANALYST, "ask-explain", false, out)
                .explainingFirst(true);

        c.answer("Show VIP customers");

        String s = printed();
        int explanation = s.indexOf("? explain Show VIP customers");
        int answer = s.indexOf("> Show VIP customers");
        assertThat(explanation).isNotNegative().isLessThan(answer);
        assertThat(s.substring(explanation, answer)).contains("How I would answer").contains("1. dynamodb:")
                .contains("read units").doesNotContain("\"entity\"");
        assertThat(s.substring(answer)).contains(" rows");
    }

    @Test
    void theFederatedDemoAggregatesInPostgresqlBeforeCrossing() {
        // the demo's query cache must not hide PostgreSQL's whole-statement reads from the engine
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.ANALYST, "ask-grouped", false, out);

        c.answer("explain revenue by segment this quarter");

        assertThat(printed()).contains("1. postgres: SELECT on orders").contains("GROUP BY")
                .contains("2. dynamodb: Lookup on customers");
    }

    @Test
    void aHeldReadSaysHowToConfirmItAndConfirmRunsIt() {
        heldThenRunOnceConfirmed("ask-held", "list all customers", "60 rows", "60 rows");
    }

    @Test
    void confirmReadsRunsTheHeldReadOnThePersonsBehalf() {
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.MARKETER, "ask-confirming", false, out)
                .confirmingReads(true);

        c.answer("list all customers");

        String s = printed();
        assertThat(s).contains("This read was not run").contains("> /confirm ").contains("Confirmed.").contains("60 rows");
    }

    @Test
    void theLifecycleToolIsHeldLikeAQueryAndConfirmRunsIt() {
        heldThenRunOnceConfirmed("ask-lifecycle", "how many customers are in each lifecycle stage", "reactivated",
                "Lifecycle stages of 60 customers", "reactivated");
    }

    /**
     * {@code request} is held (its answer, {@code answered}, not shown), says how to confirm it, runs once
     * confirmed ({@code shown} printed), and a second confirmation of the same handle is refused.
     */
    private void heldThenRunOnceConfirmed(String conversation, String request, String answered, String... shown) {
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.MARKETER, conversation, false, out);

        c.answer(request);
        String held = printed();
        Matcher m = CONFIRM.matcher(held);
        assertThat(m.find()).as(held).isTrue();
        assertThat(held).contains("This read was not run").contains("Scan on customers").doesNotContain(answered);

        c.answer("/confirm " + m.group(1));
        assertThat(printed()).contains("Confirmed.").contains(shown);
        c.answer("/confirm " + m.group(1));
        assertThat(printed()).contains("Error (already_confirmed)");
    }
}
