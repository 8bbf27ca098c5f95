package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A question from the planner as {@code promo-agent ask} prints it: the reading in plain words, said once,
 * no query JSON, numbered options; a number on the next line answers with that option.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClarificationThroughAskTest {

    private PromotionEngine engine;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 300, LocalDate.of(2026, 6, 30)));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void aNumberChoosesAnOptionOfTheLastQuestion() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.MARKETER, "ask-test",
                false, out);

        c.answer("customers from Germany with purple hats");
        String question = bytes.toString(StandardCharsets.UTF_8);
        assertThat(question).contains("I read this as: customers whose country is DE").contains("  1. ")
                .doesNotContain("{\"").doesNotContain("\"entity\"");
        String said = question.lines().filter(l -> l.startsWith("I am not sure")).findFirst().orElseThrow();
        assertThat(question.split(java.util.regex.Pattern.quote(said), -1)).as("said once").hasSize(2);

        bytes.reset();
        c.answer("1");
        String answer = bytes.toString(StandardCharsets.UTF_8);
        assertThat(answer).startsWith("> customers from Germany").contains(" rows").doesNotContain("not sure");
    }

    @Test
    void aNumberWithNoQuestionBeforeItIsARequestLikeAnyOther() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AskCommand.Conversation c = new AskCommand.Conversation(engine, DemoUsers.MARKETER, "ask-test-2",
                false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        c.answer("7");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("> 7");
    }
}
