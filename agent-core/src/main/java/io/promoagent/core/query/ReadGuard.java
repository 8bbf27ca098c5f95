package io.promoagent.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.PendingRead;
import io.promoagent.core.session.PendingRead.Status;
import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionStore;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.model.ValidatedQuery;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keeps reads over budget from running until the person who asked confirms them. The query tool asks it
 * before every read ({@link #admit(String, JsonNode, ReadEstimate, ToolContext)}), and so does every other
 * tool that reads through the query engine (the promotion-intelligence tools, with {@link #hold}) before its
 * first read, with the estimate of all it plans to read; a read whose estimate, added to the reads run before
 * it in the same request, exceeds the {@link ReadBudget} is held under a random handle. Only the application
 * confirms a handle ({@link #confirm}), on a person's own action (a button on the page, a command); no tool
 * argument reaches it, so a model cannot confirm anything.
 *
 * <p>A confirmation is bound to the exact call (the tool and its arguments: for the query tool the validated
 * query), the person and the conversation; it is good
 * once and until the hold expires. Every step is audited as {@link AuditAction#READ_HOLD}: {@code held},
 * {@code confirmed}, {@code run}, {@code expired}; an explanation shown instead of a read as
 * {@link AuditAction#READ_EXPLAINED}.
 *
 * <p>A held read is kept with the conversation, in its {@link Session} ({@link Session#heldReads()}) in the
 * {@link SessionStore} the guard is given: every instance sharing that store can confirm and run it, and each
 * step (held, confirmed, run) is one atomic {@link SessionStore#update} of the session, so a confirmation used
 * on one instance cannot be used again on another. Without a store the guard keeps its own in memory (one
 * instance). What a request has read so far, against the budget, is this instance's memory: a request runs on
 * one instance. Thread-safe.
 */
public final class ReadGuard {

    /** How long a held read can be confirmed by default. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(10);
    /** The most held reads a conversation keeps (the oldest are dropped): its session stays small. */
    private static final int MAX_HOLDS = 20;
    /** How many requests' spending is remembered: the most recent ones. */
    private static final int MAX_REQUESTS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReadBudget budget;
    private final ReadPricing pricing;
    private final AuditSink audit;
    private final Clock clock;
    private final Duration expiry;
    private final SessionStore sessions;
    /** What the reads run so far for each recent request were estimated at: the budget is per request. */
    private final Map<String, double[]> spent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_REQUESTS;
        }
    };

    private ReadGuard(Builder b) {
        this.budget = b.budget;
        this.pricing = b.pricing;
        this.audit = b.audit;
        this.clock = b.clock;
        this.expiry = b.expiry;
        this.sessions = b.sessions == null ? new InMemorySessionStore() : b.sessions;
    }

    /** The default budget and price, no audit sink of its own, the UTC clock. */
    public static ReadGuard defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ReadBudget budget() {
        return budget;
    }

    public ReadPricing pricing() {
        return pricing;
    }

    /** Whether a read may run now, and if not, the hold the person is asked to confirm. */
    public sealed interface Admission {
    }

    /** Within budget, or confirmed. */
    public record Admitted() implements Admission {
    }

    /**
     * Held for confirmation.
     *
     * @param handle    the random handle the person confirms it by
     * @param reason    why it is held, in words
     * @param expiresAt until when it can be confirmed
     */
    public record Held(String handle, String reason, Instant expiresAt) implements Admission {

        /**
         * The tool result of a read held instead of run, estimated as {@code estimate}: the person is shown the
         * estimate and asked to confirm ({@link HeldReadBlock}); the model is told nothing was read and that only
         * the person can confirm it.
         */
        public ToolResult result(ReadEstimate estimate) {
            String text = "This read was not run: " + reason + ". It would take " + estimate.summary()
                    + ". Confirm it to run it.";
            ObjectNode m = JsonNodeFactory.instance.objectNode();
            m.put("status", "held_for_confirmation");
            m.put("reason", reason);
            m.put("estimate", estimate.summary());
            m.put("note", "Nothing was read. Only the person can confirm this read, on the page or the command line; tell"
                    + " them what it would read and that it waits for their confirmation. Do not call the tool again for it.");
            return ToolResult.ok(text, m, new HeldReadBlock(handle, estimate.entity(), reason, estimate.describe(),
                    estimate.summary(), expiresAt));
        }
    }

    /**
     * Decides whether {@code query}, estimated as {@code estimate}, may run now for the caller in
     * {@code context}: {@link #admit(String, JsonNode, ReadEstimate, ToolContext)} with the validated query's
     * canonical form as the arguments.
     */
    Admission admit(String tool, ValidatedQuery query, ReadEstimate estimate, ToolContext context) {
        return admit(tool, query.tree(), estimate, context);
    }

    /**
     * Whether a tool that reads may run what it planned, estimated as {@code estimate} before it reads anything,
     * for the caller in {@code context}: the tool asks {@link #admit(String, JsonNode, ReadEstimate, ToolContext)}
     * with its name and arguments, and when the answer is {@link Held} returns {@link Held#result} without
     * reading. Nothing is asked when the budget is unlimited (and {@code estimate} is not computed).
     *
     * @return the held result, or empty when the tool may read
     */
    public Optional<ToolResult> hold(String tool, JsonNode arguments, Supplier<ReadEstimate> estimate,
                                     ToolContext context) {
        if (budget.isUnlimited()) {
            return Optional.empty();
        }
        ReadEstimate e = estimate.get();
        return admit(tool, arguments, e, context) instanceof Held held ? Optional.of(held.result(e)) : Optional.empty();
    }

    /**
     * Decides whether the call of {@code tool} with {@code arguments}, estimated as {@code estimate}, may read
     * now for the caller in {@code context}: within what is left of the request's budget it may; over budget it
     * may once if the same person confirmed the same call (the same tool, the same arguments in canonical JSON)
     * in the same conversation; otherwise it is held.
     */
    public Admission admit(String tool, JsonNode arguments, ReadEstimate estimate, ToolContext context) {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        String request = context.sessionId() + "\n" + context.requestId();
        Optional<String> over;
        synchronized (spent) {
            double[] before = spent.getOrDefault(request, new double[2]);
            over = budget.exceededBy(estimate, before[0], (long) before[1]);
            if (over.isEmpty()) {
                spent.put(request, new double[] {before[0] + estimate.readUnits(), before[1] + estimate.rowsScanned()});
                return new Admitted();
            }
        }
        String sessionId = context.sessionId();
        String principal = context.principal().id();
        String digest = CanonicalJson.sha256(arguments);
        Instant now = clock.instant();
        PendingRead held = new PendingRead(newHandle(), tool, digest, arguments, principal, context.requestId(),
                estimate.summary(), now.plus(expiry), Status.HELD);
        AtomicReference<Step> step = new AtomicReference<>();
        sessions.update(sessionId, stored -> {
            Session session = stored.orElseGet(() -> Session.empty(sessionId, now));
            Step s = new Step(now, session.heldReads());
            int confirmed = s.indexOf(r -> r.status() == Status.CONFIRMED && r.tool().equals(tool)
                    && r.digest().equals(digest) && r.principal().equals(principal));
            if (confirmed >= 0) {
                // single use: the confirmation is spent, in the conversation's state, before the read starts
                s.run = s.live.get(confirmed);
                s.live.set(confirmed, s.run.with(Status.RUN));
            } else {
                s.live.add(held);
                while (s.live.size() > MAX_HOLDS) {
                    s.dropped.add(s.live.remove(0));
                }
            }
            step.set(s);
            return session.withHeldReads(s.live);
        });
        Step done = step.get();
        done.audit(sessionId);
        if (done.run != null) {
            record(done.run, sessionId, "run", "confirmed read run once; " + over.get());
            return new Admitted();
        }
        record(held, sessionId, "held", over.get() + "; estimate: " + estimate.summary());
        return new Held(held.handle(), over.get(), held.expiresAt());
    }

    /**
     * Confirms a held read for the person who asked it, in the conversation it was asked in (on whichever
     * instance holds it: the read is kept in the conversation's session). The caller then runs
     * {@link HeldRead#call()} through the tool executor as that person, in that conversation.
     *
     * @throws ReadHoldException {@code unknown_hold} (none in this conversation), {@code not_yours},
     *                           {@code expired} or {@code already_confirmed}
     */
    public HeldRead confirm(String handle, Principal principal, String sessionId) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Instant now = clock.instant();
        AtomicReference<Step> step = new AtomicReference<>();
        sessions.update(sessionId, stored -> {
            if (stored.isEmpty() || handle == null) {
                throw unknownHold();
            }
            Session session = stored.get();
            Step s = new Step(now, session.heldReads());
            step.set(s);
            int at = s.indexOf(r -> r.handle().equals(handle));
            PendingRead read = at < 0 ? null : s.live.get(at);
            if (read == null) {
                s.refusal = s.expired.stream().anyMatch(r -> r.handle().equals(handle))
                        ? expiredRefusal() : unknownHold();
            } else if (!read.principal().equals(principal.id())) {
                s.refusal = new ReadHoldException(ReadHoldException.NOT_YOURS,
                        "only the person who asked, in the same conversation, can confirm this read");
            } else if (read.status() != Status.HELD) {
                s.refusal = new ReadHoldException(ReadHoldException.ALREADY_CONFIRMED, "this read was confirmed already");
            } else {
                s.confirmed = read.with(Status.CONFIRMED);
                s.live.set(at, s.confirmed);
            }
            return s.changed() ? session.withHeldReads(s.live) : session;
        });
        Step done = step.get();
        done.audit(sessionId);
        if (done.confirmed == null) {
            throw done.refusal;
        }
        PendingRead read = done.confirmed;
        record(read, sessionId, "confirmed", "confirmed by " + principal.id());
        return new HeldRead(read.handle(), read.tool(), read.arguments(), read.principal(), sessionId, read.estimate(),
                read.expiresAt());
    }

    /**
     * Records in the audit trail that the person was shown what {@code query} would read, before and instead
     * of reading it ({@link AuditAction#READ_EXPLAINED}): an explanation reads the sources' metadata.
     */
    void explained(String tool, ValidatedQuery query, ReadEstimate estimate, ToolContext context) {
        String verdict = budget.exceededBy(estimate).map(why -> "it would be held: " + why)
                .orElse("within the read budget");
        audit.record(new AuditEvent(clock.instant(), AuditAction.READ_EXPLAINED, context.principal().id(),
                context.sessionId(), context.requestId(), tool, Optional.of(ToolEffect.READ), query.tree(), "explained",
                Optional.empty(), Optional.empty(), 0, "estimate: " + estimate.summary() + "; " + verdict));
    }

    private static ReadHoldException unknownHold() {
        return new ReadHoldException(ReadHoldException.UNKNOWN_HOLD,
                "no read is waiting for that confirmation in this conversation");
    }

    private static ReadHoldException expiredRefusal() {
        return new ReadHoldException(ReadHoldException.EXPIRED, "this read waited too long for confirmation;"
                + " ask again to see a fresh estimate");
    }

    private void record(PendingRead read, String sessionId, String outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), AuditAction.READ_HOLD, read.principal(), sessionId,
                read.requestId(), read.tool(), Optional.of(ToolEffect.READ), read.arguments(), outcome, Optional.empty(),
                Optional.empty(), 0, "hold " + read.handle().substring(0, 8) + ": " + detail));
    }

    private static String newHandle() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * One change of a conversation's held reads, as computed in one attempt of the store's atomic update: the
     * reads still live, those that expired or were dropped, and what happened to the one concerned. It is
     * audited once, after the attempt that was stored.
     */
    private final class Step {
        final List<PendingRead> live = new ArrayList<>();
        final List<PendingRead> expired = new ArrayList<>();
        final List<PendingRead> dropped = new ArrayList<>();
        PendingRead run;
        PendingRead confirmed;
        ReadHoldException refusal;

        Step(Instant now, List<PendingRead> reads) {
            reads.forEach(r -> (r.expiredAt(now) ? expired : live).add(r));
        }

        int indexOf(Predicate<PendingRead> test) {
            for (int i = 0; i < live.size(); i++) {
                if (test.test(live.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        boolean changed() {
            return confirmed != null || !expired.isEmpty() || !dropped.isEmpty();
        }

        /** Records the reads forgotten before they were run as expired. */
        void audit(String sessionId) {
            expired.stream().filter(r -> r.status() != Status.RUN)
                    .forEach(r -> record(r, sessionId, "expired", "not confirmed and run in time"));
            dropped.stream().filter(r -> r.status() != Status.RUN)
                    .forEach(r -> record(r, sessionId, "expired", "dropped: too many held reads in the conversation"));
        }
    }

    /** Builds a {@link ReadGuard}. */
    public static final class Builder {
        private ReadBudget budget = ReadBudget.DEFAULTS;
        private ReadPricing pricing = ReadPricing.defaults();
        private AuditSink audit = AuditSink.none();
        private Clock clock = Clock.systemUTC();
        private Duration expiry = DEFAULT_EXPIRY;
        private SessionStore sessions;

        private Builder() {
        }

        /** The budget of one request's reads; {@link ReadBudget#DEFAULTS} by default. */
        public Builder budget(ReadBudget value) {
            this.budget = Objects.requireNonNull(value, "budget");
            return this;
        }

        /** The on-demand read price; {@link ReadPricing#defaults()} by default. */
        public Builder pricing(ReadPricing value) {
            this.pricing = Objects.requireNonNull(value, "pricing");
            return this;
        }

        /** Where held, confirmed, run and expired reads are recorded; use the executor's audit sink. */
        public Builder audit(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink, "audit");
            return this;
        }

        /** The real time, for expiry (not the data's "today"). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long a held read can be confirmed; 10 minutes by default. */
        public Builder expiry(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the expiry must be positive");
            }
            this.expiry = value;
            return this;
        }

        /**
         * Where held reads are kept: the store the conversations are kept in, shared by every instance that may
         * get the person's confirmation. By default a store in this guard's memory, for one instance.
         */
        public Builder sessions(SessionStore store) {
            this.sessions = Objects.requireNonNull(store, "sessions");
            return this;
        }

        public ReadGuard build() {
            return new ReadGuard(this);
        }
    }
}
