package io.promoagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.ReplyJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} does; each implementation's test extends this: a session reads back as
 * it was saved (messages in order, any text, the time it changed), a save replaces the earlier state, a
 * delete forgets it, and a second store over the same storage sees what the first one saved.
 */
public abstract class SessionStoreContract {

    private static final Instant T0 = Instant.parse("2026-06-30T10:00:00Z");

    /** A new, empty store. */
    protected abstract SessionStore newStore();

    /** Another store over the same storage as {@code store} (another instance of a service). */
    protected abstract SessionStore sameStorage(SessionStore store);

    @Test
    void anUnknownSessionIsAbsent() {
        assertThat(newStore().find("nobody")).isEmpty();
    }

    @Test
    void readsBackWhatWasSavedWithAnyText() {
        SessionStore store = newStore();
        Session s = Session.empty("s1", T0).append(T0.plusSeconds(1), SessionMessage.user("Show VIP customers"),
                SessionMessage.assistant("129 VIP customers \"quoted\"\nnext line; -- ' \\ $$ \u0000 ünïcödé 🎉"));

        store.save(s);

        assertThat(store.find("s1")).contains(s);
    }

    @Test
    void aSaveReplacesTheEarlierStateAndOtherSessionsStayApart() {
        SessionStore store = newStore();
        Session first = Session.empty("s1", T0).append(T0, SessionMessage.user("hello"));
        Session other = Session.empty("s2", T0).append(T0, SessionMessage.user("another"));
        store.save(first);
        store.save(other);
        List<SessionMessage> kept = new ArrayList<>(first.messages());
        kept.add(SessionMessage.assistant("hi"));
        Session second = new Session("s1", kept, T0.plusSeconds(5));

        store.save(second);

        assertThat(store.find("s1")).contains(second);
        assertThat(store.find("s2")).contains(other);
    }

    @Test
    void theLastProposalOrPredictionIsKeptWithTheMessages() throws Exception {
        SessionStore a = newStore();
        SessionStore b = sameStorage(a);
        JsonNode arguments = ReplyJson.mapper()
                .readTree("{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.2}");
        JsonNode preview = ReplyJson.mapper()
                .readTree("{\"prediction\":{\"interval\":\"80%\",\"redemptions\":{\"low\":12,\"base\":19.5,\"high\":30}}}");
        Session predicted = Session.empty("what-if", T0).append(T0, SessionMessage.user("predict a 20% discount"))
                .withLastPreview(new PreviewBlock("predict_promotion", "create_promotion",
                        "dry run: 20% off", arguments, preview));
        a.save(predicted);
        assertThat(b.find("what-if")).contains(predicted);

        Session proposed = predicted.append(T0.plusSeconds(1), SessionMessage.user("create it"))
                .withLastPreview(new ApprovalBlock("a-1", "cs-1", "create_promotion",
                        ToolEffect.WRITE, "Create promotion VIP20", 1, arguments, preview, "pending"));
        b.save(proposed);
        assertThat(a.find("what-if")).contains(proposed);
        assertThat(a.find("what-if").orElseThrow().messages()).hasSize(2);
    }

    @Test
    void aDeletedSessionIsForgotten() {
        SessionStore store = newStore();
        store.save(Session.empty("s1", T0).append(T0, SessionMessage.user("hello")));

        store.delete("s1");
        store.delete("never-there");

        assertThat(store.find("s1")).isEmpty();
    }

    @Test
    void anotherInstanceOverTheSameStorageSeesTheSession() {
        SessionStore a = newStore();
        SessionStore b = sameStorage(a);
        Session s = Session.empty("shared", T0).append(T0, SessionMessage.user("from a"));

        a.save(s);

        assertThat(b.find("shared")).contains(s);
        b.delete("shared");
        assertThat(a.find("shared")).isEmpty();
    }
}
