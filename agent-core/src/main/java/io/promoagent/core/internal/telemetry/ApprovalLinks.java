package io.promoagent.core.internal.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The span of the tool call that proposed each approval, so that the decision and the apply, which come
 * later and from another person, link to the call they gate. Kept in memory, for the most recent
 * {@value #CAPACITY} approvals: an instance that did not see the proposal (another Lambda) records its spans
 * without the link, with the approval id to join them by.
 */
public final class ApprovalLinks {

    static final int CAPACITY = 10_000;

    private final Map<String, SpanContext> proposedIn = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers the current span as the one that proposed {@code approvalId}; nothing without a span. */
    public void proposed(String approvalId) {
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            synchronized (proposedIn) {
                proposedIn.put(approvalId, current);
            }
        }
    }

    /** The span that proposed {@code approvalId}, if this instance saw it. */
    public Optional<SpanContext> proposal(String approvalId) {
        synchronized (proposedIn) {
            return Optional.ofNullable(proposedIn.get(approvalId));
        }
    }
}
