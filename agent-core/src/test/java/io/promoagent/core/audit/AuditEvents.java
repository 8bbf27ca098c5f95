package io.promoagent.core.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Audit events and chains for tests: every field varies with the event's number. */
final class AuditEvents {

    static final Instant START = Instant.parse("2026-06-30T12:00:00Z");

    private AuditEvents() {
    }

    /** Event number {@code n}: its request id is {@code "r" + n}. */
    static AuditEvent event(int n) {
        AuditAction action = AuditAction.values()[n % AuditAction.values().length];
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("n", n);
        args.put("email", "john.smith@example.com");
        boolean write = action != AuditAction.TOOL_CALL;
        return new AuditEvent(
                START.plusMillis(1500L * n),
                action,
                n % 2 == 0 ? "alice" : "bob",
                "s" + (n / 3),
                "r" + n,
                write ? "create_promotion" : "query",
                n % 5 == 4 ? Optional.empty() : Optional.of(write ? ToolEffect.WRITE : ToolEffect.READ),
                args,
                write ? "approved" : "ok",
                write ? Optional.of("cs-" + n) : Optional.empty(),
                write ? Optional.of("ap-" + n) : Optional.empty(),
                write ? n * 10 : 0,
                n % 3 == 0 ? "" : "detail " + n);
    }

    /** A valid chain of events 1 to {@code size}. */
    static List<AuditRecord> chain(int size) {
        List<AuditRecord> records = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            records.add(AuditRecord.after(records.isEmpty() ? Optional.empty()
                    : Optional.of(records.get(records.size() - 1)), event(n)));
        }
        return records;
    }
}
