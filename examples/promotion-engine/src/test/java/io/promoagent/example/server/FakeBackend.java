package io.promoagent.example.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.security.Principal;
import io.promoagent.core.ToolEffect;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for the application behind the endpoint: three demo users, an ask that streams two progress
 * events and answers with a table echoing the text, decisions that check the approver role, and a real
 * audit chain of refusals.
 */
final class FakeBackend implements AgentBackend {

    static final Principal ANALYST = Principal.of("analyst", "analyst");
    static final Principal MARKETER = Principal.of("marketer", "marketer");
    static final Principal APPROVER = Principal.of("approver", "approver");
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String SIGN_IN_SECRET = "the-sign-in-secret-of-the-fake";

    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<String> sessionsAsked = new CopyOnWriteArrayList<>();
    final List<String> decisions = new CopyOnWriteArrayList<>();
    final InMemoryAuditStore auditStore = new InMemoryAuditStore();
    private final ChainedAuditSink audit = new ChainedAuditSink(auditStore);

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        return demoUsers().stream().filter(u -> u.apiKey().equals(apiKey)).map(DemoUser::principal).findFirst();
    }

    @Override
    public Reply ask(Principal principal, String sessionId, String text, Consumer<Progress> progress) {
        if (text.equals("explode")) {
            throw new IllegalStateException("boom");
        }
        asked.add(principal.id() + ": " + text);
        sessionsAsked.add(sessionId);
        progress.accept(Progress.planning());
        progress.accept(Progress.toolStarted("query"));
        progress.accept(Progress.toolFinished("query", 1, 2));
        if (text.startsWith("Email")) {
            return hostileEmailProposal();
        }
        if (text.startsWith("Create")) {
            return Reply.of("Proposed", new ApprovalBlock("a-1", "cs-1", "create_promotion", ToolEffect.WRITE,
                    "Create VIP25", 1, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), "pending"));
        }
        return new Reply("You said " + text, List.of(new TableBlock("echo", List.of("who", "text", "amount"),
                List.of(Map.of("who", principal.id(), "text", text, "amount", new BigDecimal("1250.50"))), 1)), Usage.NONE);
    }

    /** Markup that must stay text on the page, and run nowhere: the page's escaping and sandbox are tested with it. */
    static final String HOSTILE = "<img src=x onerror=\"parent.document.title='pwned'\">"
            + "<script>parent.document.title='pwned'</script><a href=\"https://shop.example.com/unsubscribe\">unsubscribe</a>";

    private static Reply hostileEmailProposal() {
        ObjectNode preview = JsonNodeFactory.instance.objectNode();
        preview.put("recipients", 1);
        preview.put("skippedTotal", 0);
        ObjectNode sample = preview.putObject("sample");
        sample.put("to", "john@example.com");
        sample.put("subject", "VIP25 <b>is here</b>");
        sample.put("text", "Hello John");
        sample.put("html", "<h1>Hello John</h1>" + HOSTILE);
        return new Reply("Proposed send_email", List.of(
                new TableBlock("customers", List.of("name"), List.of(Map.of("name", HOSTILE)), 1),
                new ApprovalBlock("a-2", "cs-2", "send_email", ToolEffect.SEND, "Send VIP25 to " + HOSTILE, 1,
                        JsonNodeFactory.instance.objectNode(), preview, "pending")), Usage.NONE);
    }

    @Override
    public Reply approve(Principal principal, String approvalId, String reason) {
        decisions.add("approve " + approvalId + " by " + principal.id() + " (" + reason + ")");
        if (!principal.hasRole("approver")) {
            return Reply.error("not_an_approver", principal.id() + " may not approve changes", List.of());
        }
        return Reply.of("Applied " + approvalId);
    }

    @Override
    public Reply reject(Principal principal, String approvalId, String reason) {
        decisions.add("reject " + approvalId + " by " + principal.id() + " (" + reason + ")");
        return Reply.of("Rejected " + approvalId);
    }

    @Override
    public Reply rollback(Principal principal, String changeSetId) {
        decisions.add("rollback " + changeSetId + " by " + principal.id());
        return Reply.of("Rollback proposed for " + changeSetId);
    }

    @Override
    public List<ApprovalRecord> approvals() {
        ObjectNode preview = JsonNodeFactory.instance.objectNode();
        preview.putObject("sample").put("to", "ann@example.com").put("html", "<p>Hi</p>");
        ChangeSet cs = new ChangeSet("cs-1", "send_email", ToolEffect.SEND, JsonNodeFactory.instance.objectNode(),
                "Send VIP25 to 1 recipient", List.of(), preview, "marketer", NOW);
        return List.of(new ApprovalRecord("a-1", cs, "hash", 1, "1", ApprovalStatus.PENDING, NOW.plusSeconds(900),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0));
    }

    @Override
    public List<AuditRecord> auditRecords(long fromSequence, int limit) {
        return auditStore.read(fromSequence, limit);
    }

    @Override
    public long auditHead() {
        return auditStore.head().map(AuditRecord::sequence).orElse(0L);
    }

    @Override
    public AuditVerification verifyAudit() {
        return AuditVerifier.verify(auditStore);
    }

    @Override
    public List<EmailMessage> outbox() {
        return List.of(new EmailMessage(EmailAddress.of("offers@shop.example.com", "Shop"), EmailAddress.of("ann@example.com"),
                "VIP25 is here", "Hello", "<p>Hello <script>alert(1)</script></p>", Map.of(), "a-1/ann@example.com"));
    }

    @Override
    public void refused(Optional<Principal> principal, String sessionId, String request, String code, String message) {
        audit.record(new AuditEvent(NOW, AuditAction.TOOL_CALL, principal.map(Principal::id).orElse("anonymous"),
                sessionId, request, "", Optional.empty(), JsonNodeFactory.instance.objectNode(), "refused:" + code,
                Optional.empty(), Optional.empty(), 0, message));
    }

    @Override
    public List<DemoUser> demoUsers() {
        return List.of(new DemoUser(ANALYST, "analyst-key"), new DemoUser(MARKETER, "marketer-key"),
                new DemoUser(APPROVER, "approver-key"));
    }

    @Override
    public boolean signsIn(String secret) {
        return secret.equals(SIGN_IN_SECRET);
    }

    @Override
    public LocalDate dataAsOf() {
        return LocalDate.of(2026, 3, 1);
    }
}
