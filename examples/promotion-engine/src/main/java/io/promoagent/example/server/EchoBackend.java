package io.promoagent.example.server;

import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.security.Principal;
import io.promoagent.email.EmailMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A backend with no agent behind it: every request is answered at once with the same progress events and
 * a 20-row table, so that {@code bench ws --echo} measures the endpoint and its transport alone. Any key
 * signs in as an analyst.
 */
public final class EchoBackend implements AgentBackend {

    private static final Principal ANALYST = Principal.of("analyst", "analyst");
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public EchoBackend() {
        for (int i = 1; i <= 20; i++) {
            rows.add(Map.of("id", String.format("C%05d", i), "name", "Customer " + i, "segment", "VIP",
                    "total_spent", new BigDecimal("1234.56").add(BigDecimal.valueOf(i))));
        }
    }

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        return Optional.of(ANALYST);
    }

    @Override
    public Reply ask(Principal principal, String sessionId, String text, Consumer<Progress> progress) {
        progress.accept(Progress.planning());
        progress.accept(Progress.toolStarted("query"));
        progress.accept(Progress.toolFinished("query", rows.size(), 0));
        return new Reply("20 customers.", List.of(new TableBlock("customers", List.of("id", "name", "segment", "total_spent"),
                rows, rows.size())), Usage.NONE);
    }

    @Override
    public Reply approve(Principal principal, String approvalId, String reason) {
        return Reply.error("unknown_approval", "the echo backend has no approvals", List.of());
    }

    @Override
    public Reply reject(Principal principal, String approvalId, String reason) {
        return approve(principal, approvalId, reason);
    }

    @Override
    public Reply rollback(Principal principal, String changeSetId) {
        return approve(principal, changeSetId, "");
    }

    @Override
    public List<ApprovalRecord> approvals() {
        return List.of();
    }

    @Override
    public List<AuditRecord> auditRecords(long fromSequence, int limit) {
        return List.of();
    }

    @Override
    public long auditHead() {
        return 0;
    }

    @Override
    public AuditVerification verifyAudit() {
        return AuditVerification.intact(0);
    }

    @Override
    public List<EmailMessage> outbox() {
        return List.of();
    }

    @Override
    public void refused(Optional<Principal> principal, String sessionId, String request, String code, String message) {
        // nothing is audited: there is nothing to protect
    }

    @Override
    public List<DemoUser> demoUsers() {
        return List.of();
    }

    @Override
    public boolean signsIn(String secret) {
        return false;
    }

    @Override
    public LocalDate dataAsOf() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }
}
