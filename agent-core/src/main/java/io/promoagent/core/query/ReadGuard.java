package io.promoagent.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.schema.model.ValidatedQuery;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps reads over budget from running until the person who asked confirms them. The query tool asks it
 * before every read ({@link #admit}); a read whose estimate, added to the reads run before it in the same
 * request, exceeds the {@link ReadBudget} is held under a random handle. Only the application confirms a handle ({@link #confirm}), on a person's own action (a
 * button on the page, a command); no tool argument reaches it, so a model cannot confirm anything.
 *
 * <p>A confirmation is bound to the exact validated query, the person and the conversation; it is good
 * once and until the hold expires. Every step is audited as {@link AuditAction#READ_HOLD}: {@code held},
 * {@code confirmed}, {@code run}, {@code expired}.
 *
 * <p>Holds live in this instance's memory: a confirmation must reach the instance that held the read.
 * Thread-safe.
 */
public final class ReadGuard {

    /** How long a held read can be confirmed by default. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(10);
    private static final int MAX_HOLDS = 10_000;
    /** How many requests' spending is remembered: the most recent ones. */
    private static final int MAX_REQUESTS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReadBudget budget;
    private final ReadPricing pricing;
    private final AuditSink audit;
    private final Clock clock;
    private final Duration expiry;
    private final Map<String, Hold> holds = new LinkedHashMap<>();
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
    sealed interface Admission {
    }

    /** Within budget, or confirmed. */
    record Admitted() implements Admission {
    }

    /** Held for confirmation. */
    record Held(String handle, String reason, Instant expiresAt) implements Admission {
    }

    /**
     * Decides whether {@code query}, estimated as {@code estimate}, may run now for the caller in
     * {@code context}: within what is left of the request's budget it may; over budget it may once if the
     * same person confirmed the same query in the same conversation; otherwise it is held.
     */
    Admission admit(String tool, ValidatedQuery query, ReadEstimate estimate, ToolContext context) {
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
        String digest = CanonicalJson.sha256(query.tree());
        Instant now = clock.instant();
        Hold confirmed;
        Hold held;
        synchronized (holds) {
            expire(now);
            confirmed = holds.values().stream().filter(h -> h.state == State.CONFIRMED && h.digest.equals(digest)
                    && h.principal.equals(context.principal().id()) && h.sessionId.equals(context.sessionId()))
                    .findFirst().orElse(null);
            if (confirmed != null) {
                // single use: the confirmation is spent before the read starts
                confirmed.state = State.RUN;
                held = null;
            } else {
                held = new Hold(newHandle(), tool, digest, query.tree(), context.principal().id(), context.sessionId(),
                        context.requestId(), estimate.summary(), now.plus(expiry));
                holds.put(held.handle, held);
                while (holds.size() > MAX_HOLDS) {
                    Iterator<Hold> oldest = holds.values().iterator();
                    record(oldest.next(), "expired", "dropped: too many held reads");
                    oldest.remove();
                }
            }
        }
        if (confirmed != null) {
            record(confirmed, "run", "confirmed read run once; " + over.get());
            return new Admitted();
        }
        record(held, "held", over.get() + "; estimate: " + estimate.summary());
        return new Held(held.handle, over.get(), held.expiresAt);
    }

    /**
     * Confirms a held read for the person who asked it, in the conversation it was asked in. The caller then
     * runs {@link HeldRead#call()} through the tool executor as that person, in that conversation.
     *
     * @throws ReadHoldException {@code unknown_hold}, {@code not_yours}, {@code expired} or
     *                           {@code already_confirmed}
     */
    public HeldRead confirm(String handle, Principal principal, String sessionId) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Instant now = clock.instant();
        Hold hold;
        synchronized (holds) {
            hold = handle == null ? null : holds.get(handle);
            if (hold == null) {
                expire(now);
                throw new ReadHoldException(ReadHoldException.UNKNOWN_HOLD, "no read is waiting for that confirmation");
            }
            if (!hold.principal.equals(principal.id()) || !hold.sessionId.equals(sessionId)) {
                throw new ReadHoldException(ReadHoldException.NOT_YOURS,
                        "only the person who asked, in the same conversation, can confirm this read");
            }
            if (!now.isBefore(hold.expiresAt)) {
                expire(now);
                throw new ReadHoldException(ReadHoldException.EXPIRED, "this read waited too long for confirmation;"
                        + " ask again to see a fresh estimate");
            }
            if (hold.state != State.HELD) {
                throw new ReadHoldException(ReadHoldException.ALREADY_CONFIRMED, "this read was confirmed already");
            }
            hold.state = State.CONFIRMED;
        }
        record(hold, "confirmed", "confirmed by " + principal.id());
        return new HeldRead(hold.handle, hold.tool, hold.arguments, hold.principal, hold.sessionId, hold.estimate,
                hold.expiresAt);
    }

    /** Drops holds past their time, recording those never run as expired. Called holding the lock. */
    private void expire(Instant now) {
        for (Iterator<Hold> it = holds.values().iterator(); it.hasNext(); ) {
            Hold h = it.next();
            if (!now.isBefore(h.expiresAt)) {
                it.remove();
                if (h.state != State.RUN) {
                    record(h, "expired", "not confirmed and run in time");
                }
            }
        }
    }

    private void record(Hold h, String outcome, String detail) {
        audit.record(new AuditEvent(clock.instant(), AuditAction.READ_HOLD, h.principal, h.sessionId, h.requestId,
                h.tool, Optional.of(ToolEffect.READ), h.arguments, outcome, Optional.empty(), Optional.empty(), 0,
                "hold " + h.handle.substring(0, 8) + ": " + detail));
    }

    private static String newHandle() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private enum State { HELD, CONFIRMED, RUN }

    private static final class Hold {
        final String handle;
        final String tool;
        final String digest;
        final JsonNode arguments;
        final String principal;
        final String sessionId;
        final String requestId;
        final String estimate;
        final Instant expiresAt;
        State state = State.HELD;

        Hold(String handle, String tool, String digest, JsonNode arguments, String principal, String sessionId,
             String requestId, String estimate, Instant expiresAt) {
            this.handle = handle;
            this.tool = tool;
            this.digest = digest;
            this.arguments = arguments;
            this.principal = principal;
            this.sessionId = sessionId;
            this.requestId = requestId;
            this.estimate = estimate;
            this.expiresAt = expiresAt;
        }
    }

    /** Builds a {@link ReadGuard}. */
    public static final class Builder {
        private ReadBudget budget = ReadBudget.DEFAULTS;
        private ReadPricing pricing = ReadPricing.defaults();
        private AuditSink audit = AuditSink.none();
        private Clock clock = Clock.systemUTC();
        private Duration expiry = DEFAULT_EXPIRY;

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

        public ReadGuard build() {
            return new ReadGuard(this);
        }
    }
}
