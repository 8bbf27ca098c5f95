package io.promoagent.email.approval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.approval.ApprovalCard;
import io.promoagent.core.approval.ApprovalNotifier;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.email.DeliveryState;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.EmailTransport;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.Outbox;
import io.promoagent.email.OutboxEntry;
import io.promoagent.email.OutboxStore;
import io.promoagent.email.SendRate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Approval requests that reach approvers: on each proposal an e-mail to every configured approver (through
 * an {@link EmailTransport}: SMTP, SES, memory) and a post to a chat webhook in the form Slack and Microsoft
 * Teams incoming webhooks accept, each optional. Both carry the approval's card ({@link ApprovalCard}: the
 * summary, the counts, the predicted figures) and a link to the approval in the page; the webhook never
 * carries an e-mail address. The decision itself is still made only by an approver with their own key, in
 * the page, the CLI or the API.
 *
 * <p>Each request goes through an {@link Outbox} keyed by the approval, so it is sent once per proposal
 * however often delivery is retried, and each delivery (or failure) is audited as a {@code notification}.
 * Delivery runs on a thread of its own: a slow mail server or webhook never holds up the proposal.
 *
 * <pre>{@code
 * ApprovalRequests requests = ApprovalRequests.builder(URI.create("https://promo.example.com/"))
 *         .email(smtpTransport, EmailAddress.of("promo-agent@example.com"), List.of(EmailAddress.of("ana@example.com")))
 *         .webhook(URI.create("https://hooks.slack.com/services/..."))
 *         .audit(auditSink).build();
 * ApprovalService approvals = ApprovalService.builder(tools, key).notifier(requests).build();
 * }</pre>
 */
public final class ApprovalRequests implements ApprovalNotifier, AutoCloseable {

    /** The audit record's principal: the notices are the system's, not a person's. */
    static final String PRINCIPAL = "approval-requests";
    /** The addressee of the webhook's outbox entry: a reserved domain that no mail can reach. */
    private static final EmailAddress WEBHOOK = EmailAddress.of("webhook@approval-requests.invalid");
    private static final int ATTEMPTS = 3;

    private final URI page;
    private final Optional<Outbox> emailOutbox;
    private final EmailAddress from;
    private final List<EmailAddress> approvers;
    private final Optional<Outbox> webhookOutbox;
    private final Optional<String> webhookHost;
    private final AuditSink audit;
    private final Clock clock;
    private final String currency;
    private final Duration retryAfter;
    private final ExecutorService delivery;

    private ApprovalRequests(Builder b) {
        this.page = b.page;
        this.emailOutbox = b.emailTransport.map(t -> new Outbox(b.store, t, SendRate.unlimited()));
        this.from = b.from;
        this.approvers = List.copyOf(b.approvers);
        this.webhookOutbox = b.webhook.map(url -> new Outbox(b.store, new WebhookTransport(url, b.clock), SendRate.unlimited()));
        this.webhookHost = b.webhook.map(URI::getHost);
        this.audit = b.audit;
        this.clock = b.clock;
        this.currency = b.currency;
        this.retryAfter = b.retryAfter;
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "approval-requests");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Approval requests whose links open approvals in the page at {@code page} ({@code page#approval=ID}).
     */
    public static Builder builder(URI page) {
        return new Builder(page);
    }

    /** The link to an approval in the page, as the requests carry it. */
    public URI link(String approvalId) {
        return URI.create(page.toString().replaceAll("#.*$", "") + "#approval=" + approvalId);
    }

    @Override
    public void proposed(ApprovalRecord record) {
        ApprovalCard card = ApprovalCard.of(record, currency);
        URI link = link(record.approvalId());
        // queued at once, under keys of the approval: a second call for the same proposal queues nothing
        emailOutbox.ifPresent(o -> o.enqueue(emailKey(record), ApprovalRequestMessages.emails(record, card, link, from,
                approvers, emailKey(record))));
        webhookOutbox.ifPresent(o -> o.enqueue(webhookKey(record), List.of(new EmailMessage(from, WEBHOOK,
                "approval requested", ApprovalRequestMessages.webhookBody(record, card, link), "", Map.of(),
                OutboxEntry.keyOf(webhookKey(record), WEBHOOK)))));
        delivery.execute(() -> {
            emailOutbox.ifPresent(o -> deliver(o, record, emailKey(record), "e-mail"));
            webhookOutbox.ifPresent(o -> deliver(o, record, webhookKey(record), "webhook"));
        });
    }

    /** Where the requests of an approval stand, e-mails then the webhook (for views and tests). */
    public List<OutboxEntry> entries(String approvalId) {
        List<OutboxEntry> out = new ArrayList<>();
        emailOutbox.ifPresent(o -> out.addAll(o.entries("approval-request:" + approvalId)));
        webhookOutbox.ifPresent(o -> out.addAll(o.entries("approval-webhook:" + approvalId)));
        return out;
    }

    /** Delivers what is queued, retrying a passing failure a few times, then audits how it ended. */
    private void deliver(Outbox outbox, ApprovalRecord record, String key, String channel) {
        Outbox.DeliveryReport report = outbox.deliver(key);
        for (int attempt = 1; attempt < ATTEMPTS && report.pending() > 0; attempt++) {
            try {
                Thread.sleep(retryAfter.multipliedBy(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            report = outbox.deliver(key);
        }
        List<OutboxEntry> entries = outbox.entries(key);
        long sent = entries.stream().filter(e -> e.state() == DeliveryState.SENT).count();
        String to = channel.equals("webhook") ? "the webhook at " + webhookHost.orElse("?")
                : sent + (sent == 1 ? " approver" : " approvers");
        String outcome = sent == entries.size() ? "sent" : "failed";
        String detail = channel + " to " + to + (sent == entries.size() ? ""
                : "; " + (entries.size() - sent) + " not sent: " + entries.stream().flatMap(e -> e.lastError().stream())
                .findFirst().orElse(report.stoppedBy().orElse("unknown")));
        try {
            audit.record(new AuditEvent(clock.instant(), AuditAction.NOTIFICATION, PRINCIPAL, "approval",
                    record.approvalId(), record.changeSet().tool(), Optional.of(record.changeSet().effect()),
                    JsonNodeFactory.instance.objectNode(), outcome, Optional.of(record.changeSet().id()),
                    Optional.of(record.approvalId()), record.affectedCount(), detail));
        } catch (AuditException e) {
            // the notice went (or not) either way; an audit that cannot be written is the sink's to report
        }
    }

    private static String emailKey(ApprovalRecord record) {
        return "approval-request:" + record.approvalId();
    }

    private static String webhookKey(ApprovalRecord record) {
        return "approval-webhook:" + record.approvalId();
    }

    /** Waits for the requests under way to be delivered, then stops the delivery thread. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures {@link ApprovalRequests}; with neither e-mail nor webhook it tells no one. */
    public static final class Builder {
        private final URI page;
        private Optional<EmailTransport> emailTransport = Optional.empty();
        private EmailAddress from = EmailAddress.of("approvals@promo-agent.invalid");
        private List<EmailAddress> approvers = List.of();
        private Optional<URI> webhook = Optional.empty();
        private OutboxStore store = new InMemoryOutboxStore();
        private AuditSink audit = AuditSink.none();
        private Clock clock = Clock.systemUTC();
        private String currency = "$";
        private Duration retryAfter = Duration.ofSeconds(2);

        private Builder(URI page) {
            this.page = Objects.requireNonNull(page, "page");
        }

        /** An e-mail to each of {@code approvers}, from {@code sender}, through {@code transport}. */
        public Builder email(EmailTransport transport, EmailAddress sender, List<EmailAddress> to) {
            if (to.isEmpty()) {
                throw new IllegalArgumentException("approval requests by e-mail need at least one approver's address");
            }
            this.emailTransport = Optional.of(Objects.requireNonNull(transport, "transport"));
            this.from = Objects.requireNonNull(sender, "sender");
            this.approvers = List.copyOf(to);
            return this;
        }

        /** A post to an incoming webhook (Slack, Microsoft Teams) at {@code url}, an https or http URL. */
        public Builder webhook(URI url) {
            String scheme = Objects.requireNonNull(url, "url").getScheme();
            if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException("a webhook is an http(s) URL, not " + url);
            }
            this.webhook = Optional.of(url);
            return this;
        }

        /** Where the requests are queued (memory by default); a shared store when many instances propose. */
        public Builder outboxStore(OutboxStore outboxStore) {
            this.store = Objects.requireNonNull(outboxStore, "outboxStore");
            return this;
        }

        /** Where each delivery and failure is recorded; use the approval service's chained sink. */
        public Builder audit(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink, "audit");
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** The symbol money is written with in the requests ({@code "$"} by default, {@code ""} for none). */
        public Builder currencySymbol(String symbol) {
            this.currency = Objects.requireNonNull(symbol, "symbol");
            return this;
        }

        /** How long to wait before retrying a passing failure (2 seconds by default, then twice that). */
        public Builder retryAfter(Duration wait) {
            this.retryAfter = Objects.requireNonNull(wait, "retryAfter");
            return this;
        }

        public ApprovalRequests build() {
            return new ApprovalRequests(this);
        }
    }
}
