package io.promoagent.email;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code send_email} (SEND): e-mails customers — given by address, by customer id or by an audience rule —
 * about a promotion or with a short free text.
 *
 * <p>Its proposal resolves the recipients, applies consent and suppression (the preview counts who is
 * skipped and why), and renders a sample message; nothing is sent. Applying an approved proposal renders
 * one message per approved recipient and hands them to the {@link Outbox}, keyed by (approval, recipient),
 * so a retry or a restart never sends a message twice.
 */
public final class SendEmailTool implements WriteTool {

    static final String NAME = "send_email";

    private final DataModel model;
    private final Recipients recipients;
    private final EmailSettings settings;
    private final Outbox outbox;
    private final UnsubscribeLinks unsubscribe;

    public SendEmailTool(DataModel model, QueryEngine engine, ConsentPolicy consent, EmailSettings settings, Outbox outbox) {
        this.model = Objects.requireNonNull(model, "model");
        this.recipients = new Recipients(engine, consent, settings);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.unsubscribe = new UnsubscribeLinks(settings.unsubscribeBase(), settings.unsubscribeKey());
    }

    @Override
    public ToolDescriptor descriptor() {
        return ToolDescriptor.of(NAME,
                "Proposes an e-mail to customers (by address, customer id or audience rule) about a promotion or with a short"
                        + " message. Only opted-in customers with a deliverable address receive it; a person approves before anything is sent.",
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
        Content content = content(args);
        EmailMessage sample = message(content, resolved.included().get(0), "preview");
        List<AffectedRecord> affected = resolved.included().stream().map(Recipients::affected).toList();
        ObjectNode preview = JsonNodeFactory.instance.objectNode();
        preview.put("recipients", affected.size());
        preview.put("skippedTotal", resolved.skipped().size());
        ObjectNode skipped = preview.putObject("skipped");
        resolved.skippedByReason().forEach((reason, n) -> skipped.put(reason.name().toLowerCase(), n));
        content.promotionCode().ifPresent(c -> preview.put("promotion", c));
        ObjectNode s = preview.putObject("sample");
        s.put("to", sample.to().toString());
        s.put("subject", sample.subject());
        s.put("text", sample.text());
        s.put("html", sample.html());
        ObjectNode headers = s.putObject("headers");
        sample.headers().forEach(headers::put);
        String summary = "Send \u201c" + sample.subject() + "\u201d to " + affected.size()
                + (affected.size() == 1 ? " recipient" : " recipients")
                + (resolved.skipped().isEmpty() ? "" : " (" + describe(resolved) + ")");
        return changeSet(call, context).summary(summary).affected(affected).preview(preview).build();
    }

    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        ChangeSet cs = approved.changeSet();
        SendEmailArguments args = SendEmailArguments.parse(cs.arguments(), model);
        Content content = content(args, cs.preview().path("promotion").asText(null));
        List<EmailMessage> messages = new ArrayList<>();
        for (Recipient r : recipients.exactly(cs.affected())) {
            messages.add(message(content, r, approved.approvalId()));
        }
        outbox.enqueue(approved.approvalId(), messages);
        Outbox.DeliveryReport report = outbox.deliver(approved.approvalId());
        Map<String, DeliveryState> states = outbox.entries(approved.approvalId()).stream()
                .collect(Collectors.toMap(e -> e.message().to().address(), OutboxEntry::state, (a, b) -> a, LinkedHashMap::new));
        List<AffectedRecord> sent = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (states.get(messages.get(i).to().address()) == DeliveryState.SENT) {
                sent.add(cs.affected().get(i));
            }
        }
        String summary = "Sent " + report.sentTotal() + " of " + messages.size() + " messages"
                + (report.pending() > 0 ? "; " + report.pending() + " wait for a retry (" + report.stoppedBy().orElse("") + ")" : "")
                + (report.uncertain() > 0 ? "; " + report.uncertain() + " may have been sent before a restart" : "");
        return new ApplyResult(cs.id(), sent, summary);
    }

    /** What the message says, before it is addressed. */
    record Content(EmailTemplate template, Map<String, String> variables, java.util.Optional<String> promotionCode) {
    }

    private Content content(SendEmailArguments args) {
        return content(args, null);
    }

    private Content content(SendEmailArguments args, String resolvedCode) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("message", args.message().orElse(""));
        vars.put("sender_name", settings.from().name().orElse(settings.from().address()));
        vars.put("postal_address", settings.postalAddress());
        if (args.promotion().isPresent()) {
            Row p = recipients.promotion(resolvedCode != null ? resolvedCode : args.promotion().get());
            vars.putAll(PromotionEmail.promotionVariables(p));
            return new Content(PromotionEmail.ABOUT_PROMOTION, vars, java.util.Optional.of(String.valueOf(p.valueOrNull("code"))));
        }
        vars.put("subject", args.subject().orElseThrow());
        return new Content(PromotionEmail.FREE_TEXT, vars, java.util.Optional.empty());
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
        return new EmailMessage(settings.from(), r.address(), rendered.subject(), rendered.text(), rendered.html(), headers,
                OutboxEntry.keyOf(approvalId, r.address()));
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
