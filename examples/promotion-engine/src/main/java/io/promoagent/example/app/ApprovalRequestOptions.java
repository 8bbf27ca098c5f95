package io.promoagent.example.app;

import io.promoagent.email.EmailAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is told of each proposal ({@code serve --notify-email}, {@code --notify-webhook}), and how.
 *
 * @param approvers the approvers' e-mail addresses; empty for no e-mail
 * @param smtp      the SMTP server ({@code host:port}) the e-mails go through; empty for the demo's outbox, where
 *                  the page's outbox view shows them
 * @param webhook   a Slack or Microsoft Teams incoming webhook; empty for none
 * @param page      the page's address for the links to approvals; empty for the server's own address
 */
public record ApprovalRequestOptions(List<EmailAddress> approvers, Optional<String> smtp, Optional<URI> webhook,
                                     Optional<URI> page) {

    public ApprovalRequestOptions {
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(page, "page");
        if (smtp.isPresent() && !smtp.get().matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("an SMTP server is HOST:PORT, not " + smtp.get());
        }
    }

    /** Whether anyone is to be told at all. */
    public boolean any() {
        return !approvers.isEmpty() || webhook.isPresent();
    }
}
