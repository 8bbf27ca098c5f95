package io.promoagent.email;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code send_email} (SEND): e-mails customers — given by address, by customer id or by an audience rule —
 * about a promotion or with a short free text.
 *
 * <p>Its proposal resolves the recipients, applies consent and suppression (the preview counts who is
 * skipped and why), and renders a sample message; nothing is sent. Applying an approved proposal renders
 * one message per approved recipient and hands them to the {@link Outbox}, keyed by (approval, recipient),
 * so a retry or a restart never sends a message twice.
 *
 * <p>Each recipient's record in the change set is bound to the message previewed for them (address,
 * subject, body digest, the promotion's version; see {@code BoundMessage}); apply sends only when every
 * message renders the same again and the promotion is still active, else nothing at all.
 */
public final class SendEmailTool implements WriteTool {

    static final String NAME = "send_email";
    /** The approval id of messages rendered for a preview: it names the outbox key, never the content. */
    private static final String PREVIEW = "preview";

    private final DataModel model;
    private final Recipients recipients;
    private final EmailSettings settings;
    private final Outbox outbox;
    private final UnsubscribeLinks unsubscribe;
    /** The data's "today", which decides whether a promotion is still running; the context's clock stamps events. */
    private final Clock dataClock;

    public SendEmailTool(DataModel model, QueryEngine engine, ConsentPolicy consent, EmailSettings settings, Outbox outbox) {
        this.model = Objects.requireNonNull(model, "model");
        this.recipients = new Recipients(engine, consent, settings);
        this.dataClock = engine.clock();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.unsubscribe = new UnsubscribeLinks(settings.unsubscribeBase(), settings.unsubscribeKey());
    }

    @Override
    public ToolDescriptor descriptor() {
        return ToolDescriptor.of(NAME,
                "Proposes an e-mail about a promotion or with a short message, to addresses, customer ids or an audience;"
                        + " a person approves it, and only opted-in, deliverable customers get it.",
                SendEmailArguments.schema(model), ToolEffect.SEND,
                "email", "e-mail", "mail", "send", "notify", "message", "newsletter", "tell", "contact", "write to");
    }

    @Override
    public ChangeSet propose(ToolCall call, ToolContext context) {
        SendEmailArguments args = SendEmailArguments.parse(call.arguments(), model);
        Recipients.Resolved resolved = recipients.resolve(args);
        if (resolved.included().isEmpty()) {
            throw new ToolException("no recipient can be e-mailed: " + describe(resolved));
        }
        Content content;
        try {
            content = content(args, args.promotion(), today(context));
        } catch (StaleChangeException e) {
            throw new InvalidArgumentsException(new ToolError("inactive_promotion", "$.promotion_code", e.getMessage(), List.of()));
        }
        // who already received an e-mail about the promotion is left out, unless asked to send again
        List<Recipient> included = new ArrayList<>(resolved.included());
        int alreadyReceived = 0;
        if (content.promotion().isPresent() && !args.resend()) {
            Set<String> received = receivedAbout(content.promotion().get().code(), PREVIEW);
            included.removeIf(r -> received.contains(r.address().address()));
            alreadyReceived = resolved.included().size() - included.size();
            if (included.isEmpty()) {
                throw new ToolException(describeAgain(alreadyReceived, resolved.included().size(), content.promotion().get().code()));
            }
        }
        // every message is rendered now, so that each recipient's record binds the exact message approved
        List<AffectedRecord> affected = new ArrayList<>();
        for (Recipient r : included) {
            affected.add(bind(content, r, message(content, r, PREVIEW)));
        }
        EmailMessage sample = message(content, included.get(0), PREVIEW);
        ObjectNode preview = JsonNodeFactory.instance.objectNode();
        preview.put("recipients", affected.size());
        preview.put("skippedTotal", resolved.skipped().size());
        ObjectNode skipped = preview.putObject("skipped");
        resolved.skippedByReason().forEach((reason, n) -> skipped.put(reason.name().toLowerCase(), n));
        content.promotion().ifPresent(p -> preview.put("promotion", p.code()));
        if (content.promotion().isPresent()) {
            preview.put("alreadyReceived", alreadyReceived);
        }
        ObjectNode s = preview.putObject("sample");
        s.put("to", sample.to().toString());
        s.put("subject", sample.subject());
        s.put("text", sample.text());
        s.put("html", sample.html());
        ObjectNode headers = s.putObject("headers");
        sample.headers().forEach(headers::put);
        String summary = "Send \u201c" + sample.subject() + "\u201d to " + affected.size()
                + (affected.size() == 1 ? " recipient" : " recipients")
                + (resolved.skipped().isEmpty() ? "" : " (" + describe(resolved) + ")")
                + (alreadyReceived == 0 ? "" : "; " + alreadyReceived + " already received it; resend to them?");
        return changeSet(call, context).summary(summary).affected(affected).preview(preview).build();
    }

    /**
     * Sends exactly the previewed messages, or nothing: every message is rendered again from the records
     * as they are now and compared with the record approved for its recipient (address, subject, body,
     * promotion and its version); the promotion must still be active. Any difference refuses the whole send
     * before a message is queued. Messages an earlier apply of the same approval queued (after the same
     * checks) are delivered as queued.
     */
    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        ChangeSet cs = approved.changeSet();
        // a process that died while queueing left only some messages: queue the rest (enqueue skips the others)
        if (outbox.entries(approved.approvalId()).size() < cs.affected().size()) {
            outbox.enqueue(approved.approvalId(), checkedMessages(approved, context));
        }
        Outbox.DeliveryReport report = outbox.deliver(approved.approvalId());
        Map<String, DeliveryState> states = outbox.entries(approved.approvalId()).stream()
                .collect(Collectors.toMap(e -> e.message().to().address(), OutboxEntry::state, (a, b) -> a, LinkedHashMap::new));
        List<AffectedRecord> sent = new ArrayList<>();
        for (AffectedRecord a : cs.affected()) {
            Object address = a.after().map(r -> r.valueOrNull(BoundMessage.ADDRESS)).orElse(null);
            if (address != null && states.get(address.toString()) == DeliveryState.SENT) {
                sent.add(a);
            }
        }
        String summary = "Sent " + report.sentTotal() + " of " + states.size() + " messages"
                + (report.pending() > 0 ? "; " + report.pending() + " wait for a retry (" + report.stoppedBy().orElse("") + ")" : "")
                + (report.uncertain() > 0 ? "; " + report.uncertain() + " may have been sent before a restart" : "");
        return new ApplyResult(cs.id(), sent, summary);
    }

    /** The approval's messages rendered now, each checked against its approved record. */
    private List<EmailMessage> checkedMessages(ApprovedChangeSet approved, ToolContext context) {
        ChangeSet cs = approved.changeSet();
        SendEmailArguments args = SendEmailArguments.parse(cs.arguments(), model);
        Optional<String> code = args.promotion().isEmpty() ? Optional.empty()
                : Optional.of(cs.preview().path("promotion").asText(args.promotion().get()));
        Content content;
        try {
            content = content(args, code, today(context));
        } catch (InvalidArgumentsException e) {
            throw new StaleChangeException("the promotion of the e-mail no longer exists: " + e.getMessage());
        }
        List<Recipient> now = recipients.exactly(cs.affected());
        // an e-mail about the promotion that reached an approved recipient since the preview (another send
        // approved meanwhile) would make this one a repeat the approver did not see: nothing is sent
        if (content.promotion().isPresent() && !args.resend()) {
            Set<String> received = receivedAbout(content.promotion().get().code(), approved.approvalId());
            long since = now.stream().filter(r -> received.contains(r.address().address())).count();
            if (since > 0) {
                throw new StaleChangeException(since + " of the approved recipients received an e-mail about "
                        + content.promotion().get().code() + " since the preview, so none was sent; propose it again");
            }
        }
        List<EmailMessage> messages = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            EmailMessage m = message(content, now.get(i), approved.approvalId());
            BoundMessage.difference(cs.affected().get(i), bind(content, now.get(i), m)).ifPresent(differences::add);
            messages.add(m);
        }
        if (!differences.isEmpty()) {
            throw new StaleChangeException(differences.size() + " of " + messages.size() + " messages differ from the preview, so none was sent: "
                    + differences.get(0) + (differences.size() > 1 ? "; and " + (differences.size() - 1) + " more" : ""));
        }
        return messages;
    }

    private AffectedRecord bind(Content content, Recipient r, EmailMessage m) {
        return BoundMessage.affected(r.entity(), recipients.key(r), m, content.promotion());
    }

    /** What the message says, before it is addressed. */
    record Content(EmailTemplate template, Map<String, String> variables, Optional<BoundMessage.PromotionRef> promotion) {
    }

    /**
     * The content of the e-mail; about the promotion with the code (or the newest), read now.
     *
     * @throws StaleChangeException when customers may not be e-mailed about the promotion today
     */
    private Content content(SendEmailArguments args, Optional<String> code, LocalDate today) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("message", args.message().orElse(""));
        vars.put("sender_name", settings.from().name().orElse(settings.from().address()));
        vars.put("postal_address", settings.postalAddress());
        if (code.isPresent()) {
            Row p = recipients.promotion(code.get());
            PromotionEmail.notMailable(p, today).ifPresent(why -> {
                throw new StaleChangeException(why);
            });
            vars.putAll(PromotionEmail.promotionVariables(p));
            return new Content(PromotionEmail.ABOUT_PROMOTION, vars, Optional.of(new BoundMessage.PromotionRef(
                    String.valueOf(p.valueOrNull("code")), RecordVersion.of(model.requireEntity("promotions"), p))));
        }
        vars.put("subject", args.subject().orElseThrow());
        return new Content(PromotionEmail.FREE_TEXT, vars, Optional.empty());
    }

    private LocalDate today(ToolContext context) {
        return LocalDate.ofInstant(dataClock.instant(), ZoneOffset.UTC);
    }

    private EmailMessage message(Content content, Recipient r, String approvalId) {
        Map<String, String> vars = new LinkedHashMap<>(content.variables());
        vars.put("first_name", r.firstName());
        String link = unsubscribe.linkFor(r.id());
        vars.put("unsubscribe_url", link);
        EmailTemplate.Rendered rendered = content.template().render(vars);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + link + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        content.promotion().ifPresent(p -> headers.put(PromotionEmail.PROMOTION_HEADER, p.code()));
        return new EmailMessage(settings.from(), r.address(), rendered.subject(), rendered.text(), rendered.html(), headers,
                OutboxEntry.keyOf(approvalId, r.address()));
    }

    /** Who has an e-mail about the promotion sent or on its way, under any approval but {@code exceptApprovalId}. */
    private Set<String> receivedAbout(String promotionCode, String exceptApprovalId) {
        return outbox.recipients(m -> promotionCode.equals(m.headers().get(PromotionEmail.PROMOTION_HEADER)), exceptApprovalId);
    }

    private static String describeAgain(int again, int all, String code) {
        return (again == 1 && all == 1 ? "the recipient" : all == again ? "all " + all + " recipients" : again + " recipients")
                + " already received an e-mail about " + code + "; propose it with resend to send it again";
    }

    private static String describe(Recipients.Resolved resolved) {
        if (resolved.skipped().isEmpty()) {
            return "none skipped";
        }
        return resolved.skipped().size() + " skipped: " + resolved.skippedByReason().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

}
