package io.promoagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {

    private static final List<SessionMessage> TALK = List.of(
            SessionMessage.user("a".repeat(40)),        // 10 tokens
            SessionMessage.assistant("b".repeat(40)),   // 10
            SessionMessage.user("c".repeat(40)),        // 10
            SessionMessage.assistant("d".repeat(40)));  // 10

    @Test
    void estimatesTokensAsCharactersOverFourRoundedUp() {
        assertThat(ConversationMemory.estimate("")).isZero();
        assertThat(ConversationMemory.estimate("abcde")).isEqualTo(2);
    }

    @Test
    void keepsTheMostRecentMessagesThatFit() {
        assertThat(ConversationMemory.ofTokens(40).window(TALK)).isEqualTo(TALK);
        assertThat(ConversationMemory.ofTokens(20).window(TALK)).isEqualTo(TALK.subList(2, 4));
    }

    @Test
    void startsTheWindowWithAPersonsMessage() {
        assertThat(ConversationMemory.ofTokens(30).window(TALK)).isEqualTo(TALK.subList(2, 4));
        assertThat(ConversationMemory.ofTokens(5).window(TALK)).isEmpty();
    }

    @Test
    void usesTheModelsOwnEstimatorWhenGiven() {
        TokenCountEstimator oneEach = new TokenCountEstimator() {
            @Override
            public int estimateTokenCountInText(String text) {
                return 1;
            }

            @Override
            public int estimateTokenCountInMessage(ChatMessage message) {
                return 1;
            }

            @Override
            public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
                return 1;
            }
        };

        assertThat(ConversationMemory.ofTokens(4, oneEach).window(TALK)).isEqualTo(TALK);
    }

    @Test
    void trimsAStoredSessionToTheBudget() {
        Session s = new Session("s1", TALK, Instant.EPOCH);

        assertThat(ConversationMemory.ofTokens(20).trim(s).messages()).hasSize(2);
    }

    @Test
    void theInMemoryStoreKeepsTheLatestStateOfEachSession() {
        InMemorySessionStore store = new InMemorySessionStore();
        Session s = Session.empty("s1", Instant.EPOCH);
        store.save(s.append(Instant.EPOCH, SessionMessage.user("hi")));

        assertThat(store.find("s1")).get().extracting(x -> x.messages().size()).isEqualTo(1);
        store.delete("s1");
        assertThat(store.find("s1")).isEmpty();
    }
}
