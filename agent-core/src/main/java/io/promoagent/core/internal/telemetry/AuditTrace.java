package io.promoagent.core.internal.telemetry;

import io.opentelemetry.api.trace.Span;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.audit.ChainedAuditSink;

/** Appends audit events and names the record in the current span, so that a trace leads to its audit record. */
public final class AuditTrace {

    private AuditTrace() {
    }

    /**
     * Records {@code event}; when {@code sink} numbers its records (a hash chain), the record's sequence
     * number becomes the current span's {@code promoagent.audit.sequence}.
     */
    public static void record(AuditSink sink, AuditEvent event) {
        if (sink instanceof ChainedAuditSink chain) {
            long sequence = chain.append(event).sequence();
            Span.current().setAttribute(AgentTelemetry.AUDIT_SEQUENCE, sequence);
        } else {
            sink.record(event);
        }
    }
}
