package io.promoagent.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** Sends messages over SMTP with Jakarta Mail (Angus Mail); needs {@code org.eclipse.angus:angus-mail}. */
public final class SmtpTransport implements EmailTransport {

    private final Session session;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Clock clock;

    private SmtpTransport(Session session, Optional<String> user, Optional<String> password, Clock clock) {
        this.session = session;
        this.user = user;
        this.password = password;
        this.clock = clock;
    }

    /**
     * A transport to {@code host:port}.
     *
     * @param startTls whether to require STARTTLS (production servers); off for a local test server
     */
    public static SmtpTransport create(String host, int port, boolean startTls, Optional<String> user,
                                       Optional<String> password, Clock clock) {
        Properties p = new Properties();
        p.put("mail.smtp.host", Objects.requireNonNull(host, "host"));
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        if (startTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (user.isPresent()) {
            p.put("mail.smtp.auth", "true");
        }
        return new SmtpTransport(Session.getInstance(p), user, password, clock);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public SendReceipt send(EmailMessage message) {
        try {
            MimeMessage mime = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", message.messageId());
                }
            };
            mime.setFrom(address(message.from()));
            mime.setRecipient(Message.RecipientType.TO, address(message.to()));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(message.html(), "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            mime.setContent(alternative);
            for (var h : message.headers().entrySet()) {
                mime.setHeader(h.getKey(), h.getValue());
            }
            mime.saveChanges();
            if (user.isPresent()) {
                Transport.send(mime, user.get(), password.orElse(""));
            } else {
                Transport.send(mime);
            }
            return new SendReceipt(name(), message.messageId(), clock.instant());
        } catch (SendFailedException e) {
            throw new EmailException("the SMTP server refused " + message.to().address() + ": " + e.getMessage(), false, e);
        } catch (MessagingException e) {
            throw new EmailException("SMTP delivery failed: " + e.getMessage(), true, e);
        }
    }

    private static InternetAddress address(EmailAddress a) throws MessagingException {
        try {
            return new InternetAddress(a.address(), a.name().orElse(null), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("unsupported encoding", e);
        }
    }
}
