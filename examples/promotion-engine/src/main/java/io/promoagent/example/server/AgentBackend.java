package io.promoagent.example.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableRead;
import io.promoagent.core.security.Principal;
import io.promoagent.email.EmailMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the WebSocket endpoint, the page's views and the Lambda handler need from the application: who an
 * API key belongs to, the requests a person can make, and read-only views of approvals, the audit
 * chain and the demo outbox. Implementations must be thread-safe; every method answers failures that a
 * person caused with a reply holding an {@code error} block rather than by throwing.
 */
public interface AgentBackend {

    /** The principal an API key stands for; empty for an unknown key. */
    Optional<Principal> authenticate(String apiKey);

    /** Answers a request in a conversation, telling {@code progress} about planning and each tool call first. */
    Reply ask(Principal principal, String sessionId, String text, Consumer<Progress> progress);

    /**
     * Confirms a read the query tool held because its estimate was over the budget, and runs it once: only
     * for the person who asked it, in the same conversation, before it expires. The reply holds the read's
     * result or an error ({@code unknown_hold}, {@code not_yours}, {@code expired}, {@code already_confirmed}).
     */
    default Reply confirmRead(Principal principal, String sessionId, String handle) {
        return Reply.error("unsupported", "this server does not hold reads for confirmation", List.of());
    }

    /**
     * How a typed query (a table's {@code query}) reads its data, in words, reading no record: each source
     * call, its estimated records and read units, and what it would cost.
     */
    default Reply explainQuery(Principal principal, String sessionId, JsonNode query) {
        return Reply.error("unsupported", "this server cannot explain queries", List.of());
    }

    /**
     * How a table computed from several reads (its {@code reads}) reads its data, in words, reading no record:
     * for each read in turn what it feeds and the explanation {@link #explainQuery} gives.
     */
    default Reply explainReads(Principal principal, String sessionId, List<TableRead> reads) {
        return Reply.error("unsupported", "this server cannot explain queries", List.of());
    }

    /** Approves a pending change set and applies it; the reply holds the applied result or an error. */
    Reply approve(Principal principal, String approvalId, String reason);

    /** Rejects a pending change set; a rejection needs a reason. */
    Reply reject(Principal principal, String approvalId, String reason);

    /** Proposes the rollback of an applied change set: the reply holds the compensating approval. */
    Reply rollback(Principal principal, String changeSetId);

    /** Every approval, oldest first. */
    List<ApprovalRecord> approvals();

    /**
     * The approval an id, or a unique prefix of at least 8 characters of one, names; empty when none has it.
     *
     * @throws io.promoagent.core.approval.ApprovalException {@code id_too_short} or {@code ambiguous_id}
     */
    default Optional<ApprovalRecord> approval(String idOrPrefix) {
        return approvals().stream().filter(a -> a.approvalId().equals(idOrPrefix)).findFirst();
    }

    /** Up to {@code limit} records of the audit chain from sequence {@code fromSequence} on, oldest first. */
    List<AuditRecord> auditRecords(long fromSequence, int limit);

    /** The sequence number of the audit chain's last record; 0 when it is empty. */
    long auditHead();

    /** Whether the audit chain is intact. */
    AuditVerification verifyAudit();

    /** The e-mails the demo transport kept instead of sending, oldest first. */
    List<EmailMessage> outbox();

    /**
     * Records a request that was refused before it reached the agent (no or an unknown API key), so that
     * the audit trail shows attempts as well as actions.
     *
     * @param principal who was signed in, if anyone
     * @param sessionId the conversation, or the connection, it came from
     * @param request   what was asked for ({@code ask}, {@code approve}, {@code GET /api/audit})
     * @param code      why it was refused ({@code unauthenticated})
     * @param message   the refusal, in a sentence
     */
    void refused(Optional<Principal> principal, String sessionId, String request, String code, String message);

    /**
     * The demo users the page offers in its switcher, with their keys; empty outside a demo. The server
     * shows the keys only to a page that presents the sign-in secret ({@link #signsIn}).
     */
    List<DemoUser> demoUsers();

    /** Whether {@code secret} is the secret of the sign-in link the person who started the server was given. */
    boolean signsIn(String secret);

    /** The date the data treats as today, which may differ from the real date (fixed demo data). */
    LocalDate dataAsOf();
}
