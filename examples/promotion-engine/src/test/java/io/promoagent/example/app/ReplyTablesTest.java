package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo's replies: tables cut at 500 rows that say how many matched, and repeated questions served from memory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyTablesTest {

    private PromotionEngine engine;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 700, LocalDate.of(2026, 6, 30)));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private TableBlock table(String text) {
        Reply reply = engine.ask(DemoUsers.ANALYST, UUID.randomUUID().toString(), text, progress -> { });
        return reply.blocks(TableBlock.class).get(0);
    }

    @Test
    void a_table_of_more_than_500_rows_carries_500_and_says_how_many_matched() {
        TableBlock all = table("list all customers");

        assertThat(all.rows()).hasSize(EngineAssembly.TABLE_ROWS);
        assertThat(all.total()).isEqualTo(700);
    }

    @Test
    void a_smaller_table_carries_every_row() {
        TableBlock vips = table("Show VIP customers");

        assertThat(vips.rows()).hasSize((int) vips.total()).isNotEmpty();
    }

    @Test
    void a_question_asked_again_is_answered_with_the_same_rows() {
        assertThat(table("customers from Germany").rows()).isEqualTo(table("customers from Germany").rows());
    }
}
