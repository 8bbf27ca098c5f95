package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.reply.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How replies are written for the socket, and what the load benchmark reads back of every message. */
class MessageGistTest {

    private final Reply table = new Reply("2 customers", List.of(new TableBlock("customers", List.of("name", "total_spent"),
            List.of(Map.of("name", "Ann \"the\" type", "total_spent", new BigDecimal("1250.50")),
                    Map.of("name", "{\"type\":\"error\"}", "total_spent", new BigDecimal("10.00"))), 2)), Usage.NONE);

    @Nested
    class WritingAReply {

        @Test
        void writes_type_id_and_the_reply_exactly_as_ReplyJson_does_decimals_included() throws Exception {
            String message = ServerMessages.reply("r-1", table);

            assertThat(message).isEqualTo("{\"type\":\"reply\",\"id\":\"r-1\",\"reply\":" + ReplyJson.write(table) + "}");
            assertThat(message).contains("1250.50", "10.00");
            assertThat(ReplyJson.read(ServerMessages.mapper().readTree(message).get("reply").toString()).text()).isEqualTo("2 customers");
        }
    }

    @Nested
    class ReadingAGist {

        @Test
        void a_reply_without_error_blocks_gives_its_type_and_id_and_no_error_whatever_its_values_say() {
            MessageGist gist = MessageGist.read(ServerMessages.reply("c7-3", table));

            assertThat(gist).isEqualTo(new MessageGist("reply", "c7-3", Optional.empty()));
        }

        @Test
        void a_reply_whose_values_are_the_word_error_is_read_whole_and_still_has_no_error() {
            Reply statuses = Reply.of("1 job", new TableBlock("jobs", List.of("type", "message"),
                    List.of(Map.of("type", "error", "message", "disk full")), 1));

            assertThat(MessageGist.read(ServerMessages.reply("c4-2", statuses)))
                    .isEqualTo(new MessageGist("reply", "c4-2", Optional.empty()));
        }

        @Test
        void a_reply_with_an_error_block_gives_the_blocks_message() {
            Reply failed = Reply.of("No.", new MetricBlock("customers", BigDecimal.ONE),
                    new ErrorBlock("invalid_query", "no field 'segmnt'", List.of("segment")));

            assertThat(MessageGist.read(ServerMessages.reply("c1-0", failed)).error()).contains("no field 'segmnt'");
        }

        @Test
        void an_error_message_gives_its_message_and_a_progress_message_its_id() {
            assertThat(MessageGist.read(ServerMessages.error(Optional.of("c2-9"), "denied", "not yours")))
                    .isEqualTo(new MessageGist("error", "c2-9", Optional.of("not yours")));
            assertThat(MessageGist.read("{\"type\":\"progress\",\"id\":\"c3-1\",\"event\":{\"phase\":\"planning\"}}"))
                    .isEqualTo(new MessageGist("progress", "c3-1", Optional.empty()));
        }

        @Test
        void text_that_is_not_a_json_object_is_unreadable() {
            assertThat(MessageGist.read("[1,2]").type()).isEqualTo("unreadable");
            assertThat(MessageGist.read("{\"type\":").type()).isEqualTo("unreadable");
            assertThat(MessageGist.read("not json").type()).isEqualTo("unreadable");
        }
    }
}
