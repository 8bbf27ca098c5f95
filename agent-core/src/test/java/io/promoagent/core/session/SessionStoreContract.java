package io.promoagent.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.Shop;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.query.HeldRead;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadHoldException;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.ReplyJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} does; each implementation's test extends this: a session reads back as
 * it was saved (messages in order, any text, the time it changed), a save replaces the earlier state, a
 * delete forgets it, a second store over the same storage sees what the first one saved, and updates from
 * two instances at once lose nothing. Then what the query tool's guard relies on: a read held on one
 * instance is confirmed and run once on another, never twice, and expires on every instance.
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

    @Test
    void updatesFromTwoInstancesAtOnceLoseNothing() throws Exception {
        SessionStore a = newStore();
        SessionStore b = sameStorage(a);
        int each = 10;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                SessionStore store = writer.equals("a") ? a : b;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        String text = writer + i;
                        store.update("busy", s -> s.orElseGet(() -> Session.empty("busy", T0))
                                .append(T0, SessionMessage.user(text)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(a.find("busy").orElseThrow().messages()).extracting(SessionMessage::text).hasSize(2 * each)
                .contains("a0", "a9", "b0", "b9");
    }

    @Test
    void anUpdateThatThrowsChangesNothingAndOneThatChangesNothingWritesNothing() {
        SessionStore store = newStore();
        Session s = Session.empty("s1", T0).append(T0, SessionMessage.user("hello"));
        store.save(s);

        assertThatThrownBy(() -> store.update("s1", current -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        Session same = store.update("s1", current -> current.orElseThrow());

        assertThat(same).isEqualTo(s);
        assertThat(store.find("s1")).contains(s);
        assertThatThrownBy(() -> store.update("absent", current -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(store.find("absent")).isEmpty();
    }

    // ---- held reads: kept in the conversation's session, so whichever instance gets the confirmation runs it

    private static final Principal MIA = Principal.of("mia", "analyst");
    private static final String ALL_CUSTOMERS = "{\"entity\":\"customers\"}";
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();

    /** One instance of a service: a query tool whose guard holds any read of more than 5 records. */
    private QueryTool instance(SessionStore store) {
        ReadGuard guard = ReadGuard.builder().budget(ReadBudget.DEFAULTS.withRowsScanned(5)).audit(audited::add)
                .clock(clock).sessions(store).build();
        return QueryTool.builder(Shop.engine(30)).guard(guard).build();
    }

    private ToolResult ask(QueryTool instance, ToolCall call, Principal who, String session) {
        return instance.execute(call, new ToolContext(who, session, UUID.randomUUID().toString(), clock));
    }

    private HeldReadBlock held(ToolResult result) {
        assertThat(result.blocks()).first().isInstanceOf(HeldReadBlock.class);
        return (HeldReadBlock) result.blocks().get(0);
    }

    private List<String> holdOutcomes() {
        return audited.stream().filter(e -> e.action() == AuditAction.READ_HOLD).map(AuditEvent::outcome).toList();
    }

    private static ReadHoldException refusal(Runnable attempt) {
        return catchThrowableOfType(attempt::run, ReadHoldException.class);
    }

    @Test
    void aReadHeldOnOneInstanceIsConfirmedAndRunOnceOnAnotherAndNeverAgain() {
        SessionStore a = newStore();
        QueryTool first = instance(a);
        QueryTool second = instance(sameStorage(a));
        ToolCall call = ToolCall.of("query", QueryJson.parse(ALL_CUSTOMERS));

        HeldReadBlock hold = held(ask(first, call, MIA, "conversation"));
        HeldRead confirmed = second.guard().confirm(hold.handle(), MIA, "conversation");
        ToolResult run = ask(second, confirmed.call(), MIA, "conversation");
        ToolResult replay = ask(first, confirmed.call(), MIA, "conversation");

        assertThat(run.blocks()).first().isInstanceOfSatisfying(TableBlock.class, t -> assertThat(t.total()).isEqualTo(30));
        held(replay);
        assertThat(refusal(() -> first.guard().confirm(hold.handle(), MIA, "conversation")).code())
                .isEqualTo(ReadHoldException.ALREADY_CONFIRMED);
        assertThat(holdOutcomes()).containsExactly("held", "confirmed", "run", "held");
        assertThat(a.find("conversation").orElseThrow().heldReads()).extracting(PendingRead::status)
                .containsExactly(PendingRead.Status.RUN, PendingRead.Status.HELD);
    }

    @Test
    void aHeldReadIsBoundToThePersonTheConversationAndTheQuery() {
        SessionStore a = newStore();
        QueryTool first = instance(a);
        QueryTool second = instance(sameStorage(a));
        HeldReadBlock hold = held(ask(first, ToolCall.of("query", QueryJson.parse(ALL_CUSTOMERS)), MIA, "mine"));

        assertThat(refusal(() -> second.guard().confirm(hold.handle(), Principal.of("ana", "analyst"), "mine")).code())
                .isEqualTo(ReadHoldException.NOT_YOURS);
        assertThat(refusal(() -> second.guard().confirm(hold.handle(), MIA, "another")).code())
                .isEqualTo(ReadHoldException.UNKNOWN_HOLD);
        assertThat(refusal(() -> second.guard().confirm("forged-handle-000000000000", MIA, "mine")).code())
                .isEqualTo(ReadHoldException.UNKNOWN_HOLD);
        second.guard().confirm(hold.handle(), MIA, "mine");
        held(ask(first, ToolCall.of("query", QueryJson.parse("{\"entity\":\"orders\"}")), MIA, "mine"));
        assertThat(holdOutcomes()).containsExactly("held", "confirmed", "held");
    }

    @Test
    void aHeldReadExpiresOnEveryInstanceAndIsAuditedOnce() {
        SessionStore a = newStore();
        QueryTool first = instance(a);
        QueryTool second = instance(sameStorage(a));
        ToolCall call = ToolCall.of("query", QueryJson.parse(ALL_CUSTOMERS));
        HeldReadBlock late = held(ask(first, call, MIA, "slow"));
        HeldReadBlock confirmedLate = held(ask(first, call, MIA, "slow"));
        HeldRead confirmed = second.guard().confirm(confirmedLate.handle(), MIA, "slow");

        clock.advance(ReadGuard.DEFAULT_EXPIRY);

        assertThat(refusal(() -> second.guard().confirm(late.handle(), MIA, "slow")).code())
                .isEqualTo(ReadHoldException.EXPIRED);
        assertThat(refusal(() -> first.guard().confirm(late.handle(), MIA, "slow")).code())
                .isEqualTo(ReadHoldException.UNKNOWN_HOLD);
        held(ask(first, confirmed.call(), MIA, "slow"));
        assertThat(holdOutcomes()).containsExactly("held", "held", "confirmed", "expired", "expired", "held");
    }

    @RepeatedTest(3)
    void twoInstancesConfirmingAndRunningAtOnceRunTheReadOnce() throws Exception {
        SessionStore a = newStore();
        List<QueryTool> instances = List.of(instance(a), instance(sameStorage(a)));
        ToolCall call = ToolCall.of("query", QueryJson.parse(ALL_CUSTOMERS));
        HeldReadBlock hold = held(ask(instances.get(0), call, MIA, "race"));

        List<Object> confirmations = race(instances, i -> i.guard().confirm(hold.handle(), MIA, "race"));
        List<Object> runs = race(instances, i -> ask(i, call, MIA, "race").blocks().get(0));

        assertThat(confirmations).filteredOn(HeldRead.class::isInstance).hasSize(1);
        assertThat(confirmations).filteredOn(ReadHoldException.class::isInstance).singleElement()
                .extracting(e -> ((ReadHoldException) e).code()).isEqualTo(ReadHoldException.ALREADY_CONFIRMED);
        assertThat(runs).filteredOn(TableBlock.class::isInstance).hasSize(1);
        assertThat(runs).filteredOn(HeldReadBlock.class::isInstance).hasSize(1);
    }

    /** What each instance answers when both do {@code action} at the same moment (a value or what it threw). */
    private static List<Object> race(List<QueryTool> instances, Function<QueryTool, Object> action) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (QueryTool instance : instances) {
                answers.add(threads.submit(() -> {
                    start.await();
                    try {
                        return action.apply(instance);
                    } catch (ReadHoldException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : answers) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTurnSavedAfterAReadWasHeldKeepsTheHeldRead() {
        SessionStore store = newStore();
        SessionLog log = new SessionLog(sameStorage(store), ConversationMemory.ofTokens(1000), clock);
        Session loaded = log.load("turn");

        HeldReadBlock hold = held(ask(instance(store), ToolCall.of("query", QueryJson.parse(ALL_CUSTOMERS)), MIA, "turn"));
        log.append(loaded, "show all customers", "That read waits for your confirmation.");

        Session stored = store.find("turn").orElseThrow();
        assertThat(stored.messages()).hasSize(2);
        assertThat(stored.heldReads()).extracting(PendingRead::handle).containsExactly(hold.handle());
    }
}
