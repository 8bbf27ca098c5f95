package io.promoagent.example.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.CommonChange;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.Plan;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableRead;
import io.promoagent.core.security.Principal;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailTransport;
import io.promoagent.email.InMemoryTransport;
import io.promoagent.email.SmtpTransport;
import io.promoagent.email.approval.ApprovalRequests;
import io.promoagent.example.server.AgentBackend;
import io.promoagent.example.server.DemoUser;
import io.promoagent.example.server.Progress;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Labels;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The promotion engine the CLI, the WebSocket server and the Lambda handler talk to: the agent over the
 * demo data (or a user's own data model and data), with approvals, the audit chain and the demo outbox.
 * {@link EngineAssembly} builds it, top to bottom.
 */
public final class PromotionEngine implements AgentBackend, AutoCloseable {

    private final DataModel model;
    private final Clock clock;
    private final Clock realClock;
    private final DemoUsers users;
    private final Orchestrator orchestrator;
    private final ApprovalService approvals;
    private final ChainedAuditSink audit;
    private final AuditStore auditStore;
    private final InMemoryTransport outbox;
    private final ProgressInterceptor progress;
    private final ToolExecutor executor;
    private final ToolRegistry tools;
    private final AutoCloseable resources;
    private final OfflinePlanner planner;
    private final QueryEngine queryEngine;
    private final ForwardingNotifier notifier;
    private final ReadRequests reads;
    private volatile ApprovalRequests requests;

    PromotionEngine(DataModel model, Clock clock, Clock realClock, DemoUsers users, OfflinePlanner planner, Orchestrator orchestrator, ApprovalService approvals, ChainedAuditSink audit,
                    AuditStore auditStore, InMemoryTransport outbox, ProgressInterceptor progress, ToolExecutor executor,
                    ToolRegistry tools, AutoCloseable resources, QueryEngine queryEngine, ForwardingNotifier notifier) {
        this.notifier = notifier;
        this.model = model;
        this.queryEngine = queryEngine;
        this.clock = clock;
        this.realClock = realClock;
        this.users = users;
        this.planner = planner;
        this.orchestrator = orchestrator;
        this.approvals = approvals;
        this.audit = audit;
        this.auditStore = auditStore;
        this.outbox = outbox;
        this.progress = progress;
        this.executor = executor;
        this.tools = tools;
        this.resources = resources;
        this.reads = new ReadRequests(tools, executor, orchestrator, realClock);
    }

    /** Starts the engine: embedded DynamoDB Local (and PostgreSQL, in the federated layout) loaded with the data, the tools, approvals and the orchestrator. */
    public static PromotionEngine start(EngineOptions options) {
        return EngineAssembly.assemble(options);
    }

    /** Starts the engine as {@link #start(EngineOptions)}, telling {@code progress} how the loading of the data goes. */
    public static PromotionEngine start(EngineOptions options, LoadProgress progress) {
        return EngineAssembly.assemble(options, Optional.empty(), Clock.systemUTC(), progress);
    }

    /**
     * Starts the engine with {@code model} as its only orchestrator, no offline planner in front: every
     * request goes to the model (benchmarks of what the model is sent, tests with a scripted model).
     */
    public static PromotionEngine startWithModel(EngineOptions options, ChatModel model) {
        return EngineAssembly.assemble(options, Optional.of(model));
    }

    /**
     * Connects the engine to deployed tables and stores (the Lambda handler): the data model of
     * {@code options}, the data in {@code stores.dynamo()}, no process-local state, and the people and keys
     * of the deployment's configuration ({@code users}).
     */
    public static PromotionEngine connect(EngineOptions options, DeployedStores stores, DemoUsers users) {
        return EngineAssembly.connect(options, stores, users);
    }

    /** A signing key for approval tokens: random per process, since the demo's approvals live in memory. */
    static byte[] signingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public DataModel model() {
        return model;
    }

    /** The query engine over the data's sources, for running typed queries directly ({@code promo-agent query}). */
    public QueryEngine queryEngine() {
        return queryEngine;
    }

    /**
     * The date the data treats as today: the options' date, or the one a kept data folder was loaded for.
     * Approvals, their expiry and the audit run on the real clock.
     */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Override
    public LocalDate dataAsOf() {
        return today();
    }

    /** The secret of the page's sign-in link ({@code #signin=SECRET}); empty when the engine has none. */
    public String signInSecret() {
        return users.signInSecret();
    }

    /**
     * What the offline planner makes of a request of {@code principal}, without running it (for benchmarks
     * and explanations); its look-ups run as that principal.
     */
    public Plan plan(Principal principal, String text) {
        return planner.plan(text, ToolContext.of(principal, realClock));
    }

    /** The names of the tools the agent has (write tools that do not fit the data model are absent). */
    public List<String> toolNames() {
        return tools.names();
    }

    /** The tool executor every call goes through (policy, audit, approval gate), for other front ends such as MCP. */
    public ToolExecutor toolExecutor() {
        return executor;
    }

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        return users.byKey(apiKey);
    }

    @Override
    public Reply ask(Principal principal, String sessionId, String text, Consumer<Progress> listener) {
        listener.accept(Progress.planning());
        progress.listen(sessionId, listener);
        try {
            return orchestrator.handle(new AgentRequest(text, principal, sessionId));
        } catch (AgentException | IllegalArgumentException e) {
            return Reply.error("request_failed", e.getMessage(), List.of());
        } finally {
            progress.stop(sessionId);
        }
    }

    @Override
    public Reply confirmRead(Principal principal, String sessionId, String handle) {
        return reads.confirm(principal, sessionId, handle);
    }

    @Override
    public Reply explainQuery(Principal principal, String sessionId, JsonNode query) {
        return reads.explainQuery(principal, sessionId, query);
    }

    @Override
    public Reply explainReads(Principal principal, String sessionId, List<TableRead> tableReads) {
        return reads.explainReads(principal, sessionId, tableReads);
    }

    /** How a request would be answered, in words, without answering it ({@code ask --explain}). */
    public Reply explainRequest(Principal principal, String sessionId, String text) {
        return reads.explainRequest(principal, sessionId, text);
    }

    @Override
    public Reply approve(Principal principal, String approvalId, String reason) {
        try {
            // the page and the terminal show ids cut to 8 characters: a unique prefix of 8 or more stands for the id
            ApprovalGrant grant = approvals.approve(approvals.approvalId(approvalId), principal,
                    reason == null || reason.isBlank() ? "approved" : reason);
            ApplyResult result = approvals.apply(grant, context(principal));
            return Reply.of("Approved. " + result.summary(),
                    new MetricBlock(applied(result), BigDecimal.valueOf(result.appliedCount())));
        } catch (ApprovalException e) {
            return Reply.error(e.code(), e.getMessage(), List.of());
        }
    }

    @Override
    public Reply reject(Principal principal, String approvalId, String reason) {
        try {
            ApprovalTicket ticket = approvals.reject(approvals.approvalId(approvalId), principal, reason);
            return Reply.of("Rejected: " + ticket.message());
        } catch (ApprovalException e) {
            return Reply.error(e.code(), e.getMessage(), List.of());
        }
    }

    @Override
    public Reply rollback(Principal principal, String changeSetIdOrPrefix) {
        try {
            String changeSetId = changeSetId(changeSetIdOrPrefix);
            if (!RolePolicy.defaults().decide(principal, tools.find(approvals.recordOfChangeSet(changeSetId)
                    .map(r -> r.changeSet().tool()).orElse("")).map(t -> t.descriptor())
                    .orElseThrow(() -> new ApprovalException(ApprovalException.UNKNOWN_APPROVAL, "no change set " + changeSetId))).allowed()) {
                throw new ApprovalException("denied", principal.id() + " may not propose changes");
            }
            ApprovalTicket ticket = approvals.proposeRollback(changeSetId, principal);
            ApprovalRecord record = approvals.record(ticket.approvalId()).orElseThrow();
            return Reply.of("The rollback awaits approval.", block(record));
        } catch (ApprovalException e) {
            return Reply.error(e.code(), e.getMessage(), List.of());
        }
    }

    /**
     * The change set an id names: a change set's id or a unique prefix of one, or else an approval's id or
     * prefix (what {@code approvals list} shows), standing for the change set that approval is about.
     */
    private String changeSetId(String idOrPrefix) {
        String id = approvals.changeSetId(idOrPrefix);
        if (approvals.recordOfChangeSet(id).isPresent()) {
            return id;
        }
        return approvals.record(approvals.approvalId(idOrPrefix)).map(r -> r.changeSet().id()).orElse(id);
    }

    @Override
    public Optional<ApprovalRecord> approval(String idOrPrefix) {
        return approvals.record(approvals.approvalId(idOrPrefix));
    }

    /**
     * From now on, tells approvers of every proposal: an e-mail to each of {@code options.approvers()} (through
     * its SMTP server, or the demo's outbox) and a post to its webhook, each linking to the approval in the page
     * at {@code page}; every notice audited.
     */
    public void requestApprovals(ApprovalRequestOptions options, URI page) {
        if (!options.any()) {
            return;
        }
        ApprovalRequests.Builder b = ApprovalRequests.builder(options.page().orElse(page)).audit(audit).clock(realClock);
        if (!options.approvers().isEmpty()) {
            EmailTransport transport = options.smtp().<EmailTransport>map(hostPort -> SmtpTransport.create(
                    hostPort.substring(0, hostPort.lastIndexOf(':')), Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)),
                    false, Optional.empty(), Optional.empty(), realClock)).orElse(outbox);
            b.email(transport, EmailAddress.of("promo-agent@shop.example.com", "promo-agent approvals"), options.approvers());
        }
        options.webhook().ifPresent(b::webhook);
        ApprovalRequests built = b.build();
        this.requests = built;
        notifier.forwardTo(built);
    }

    /** The approval block of a stored approval, as replies show it. */
    /** What the number of an apply counts, in words: "e-mail sent", "promotions created", "records applied". */
    static String applied(ApplyResult result) {
        int n = result.appliedCount();
        Optional<CommonChange> common = CommonChange.of(result.applied());
        if (common.isEmpty()) {
            return n == 1 ? "record applied" : "records applied";
        }
        if (common.get().operation() == AffectedRecord.Operation.SEND) {
            // the application sends only e-mails
            return n == 1 ? "e-mail sent" : "e-mails sent";
        }
        String things = Labels.readable(common.get().entity());
        return (n == 1 ? Labels.singular(things) : things) + switch (common.get().operation()) {
            case CREATE -> " created";
            case UPDATE -> " changed";
            default -> " deleted";
        };
    }

    static ApprovalBlock block(ApprovalRecord r) {
        return new ApprovalBlock(r.approvalId(), r.changeSet().id(), r.changeSet().tool(), r.changeSet().effect(),
                r.changeSet().summary(), r.affectedCount(), r.changeSet().arguments(), r.changeSet().preview(),
                r.status().jsonName());
    }

    @Override
    public List<ApprovalRecord> approvals() {
        return approvals.list();
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
        return outbox.sent();
    }

    @Override
    public void refused(Optional<Principal> principal, String sessionId, String request, String code, String message) {
        audit.record(new AuditEvent(realClock.instant(), AuditAction.TOOL_CALL, principal.map(Principal::id).orElse("anonymous"),
                sessionId, "refused-" + UUID.randomUUID(), request, Optional.empty(), null, "refused:" + code,
                Optional.empty(), Optional.empty(), 0, message));
    }

    @Override
    public List<DemoUser> demoUsers() {
        return users.all();
    }

    @Override
    public boolean signsIn(String secret) {
        return users.signsIn(secret);
    }

    private ToolContext context(Principal principal) {
        return new ToolContext(principal, "approvals", UUID.randomUUID().toString(), clock);
    }

    @Override
    public void close() {
        ApprovalRequests sending = requests;
        if (sending != null) {
            notifier.forwardTo(io.promoagent.core.approval.ApprovalNotifier.none());
            sending.close();
        }
        executor.close();
        try {
            resources.close();
        } catch (Exception e) {
            // shutting down: nothing more can be done about a resource that fails to close
        }
    }
}
