package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.email.approval.ApprovalRequests;
import io.promoagent.schema.json.QueryJson;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approval requests reach approvers: for one proposal, the approver's e-mail arrives at a real SMTP server
 * (GreenMail) and the webhook's post at a local HTTP server, exactly once each, with the summary, the
 * counts and the link to the approval; the webhook carries no e-mail address; both deliveries are audited.
 */
class ApprovalRequestsTest {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final URI PAGE = URI.create("http://localhost:8080/");

    private final Mailroom room = new Mailroom();
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger hookStatus = new AtomicInteger(200);
    private GreenMail greenMail;
    private HttpServer hook;
    private SmtpTransport smtp;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        smtp = SmtpTransport.create("127.0.0.1", port, false, Optional.empty(), Optional.empty(), Clock.systemUTC());
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posted.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(hookStatus.get(), -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        hook.stop(0);
        greenMail.stop();
    }

    private URI hookUrl() {
        return URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
    }

    private ApprovalRequests requests() {
        return ApprovalRequests.builder(PAGE)
                .email(smtp, EmailAddress.of("promo-agent@shop.example.com"), List.of(EmailAddress.of("ada@shop.example.com")))
                .webhook(hookUrl()).audit(audit).retryAfter(Duration.ofMillis(50)).build();
    }

    /** Proposes a send through an approval service that tells {@code requests}; the stored proposal. */
    private ApprovalRecord propose(ApprovalRequests requests, String json) {
        ApprovalService approvals = ApprovalService.builder(ToolRegistry.of(room.tool),
                "approval-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).audit(audit).notifier(requests).build();
        ChangeSet cs = room.tool.propose(ToolCall.of("send_email", QueryJson.parse(json)), ToolContext.of(Mailroom.MARKETER, room.clock));
        ApprovalTicket ticket = approvals.submit(cs, ToolContext.of(Mailroom.MARKETER, room.clock));
        return approvals.record(ticket.approvalId()).orElseThrow();
    }

    @Test
    void oneProposalSendsOneEmailToTheApproverAndOnePostToTheWebhook() throws Exception {
        ApprovalRecord ticket;
        try (ApprovalRequests requests = requests()) {
            ticket = propose(requests, "{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}");
            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        } // close waits for the deliveries under way
        Thread.sleep(300); // anything sent twice would have arrived by now

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@shop.example.com");
        assertThat(received[0].getSubject()).startsWith("Approval requested: Send");
        String body = plainText(received[0]);
        assertThat(body).contains("Recipients: ").contains("http://localhost:8080/#approval=" + ticket.approvalId());

        assertThat(posted).hasSize(1);
        JsonNode webhook = new ObjectMapper().readTree(posted.get(0));
        String text = webhook.path("text").asText();
        assertThat(text).startsWith("Approval requested: Send").contains("Recipients: ")
                .contains("#approval=" + ticket.approvalId());
        assertThat(ADDRESS.matcher(posted.get(0)).find()).as("an e-mail address in %s", posted.get(0)).isFalse();

        List<AuditEvent> notices = audit.events().stream().filter(e -> e.action() == AuditAction.NOTIFICATION).toList();
        assertThat(notices).extracting(AuditEvent::outcome).containsExactly("sent", "sent");
        assertThat(notices).allSatisfy(e -> assertThat(e.approvalId()).contains(ticket.approvalId()));
    }

    /** The plain-text part of a received message, decoded. */
    private static String plainText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return multipart.getBodyPart(i).getContent().toString();
                }
            }
        }
        return content.toString();
    }

    @Test
    void theSameProposalToldTwiceIsStillSentOnce() throws Exception {
        try (ApprovalRequests requests = requests()) {
            ApprovalRecord record = propose(requests, "{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}");
            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
            // the notice again, as a retry would give it: the same outbox keys, so nothing is queued twice
            requests.proposed(record);
        }
        Thread.sleep(300);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(posted).hasSize(1);
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedThenAuditedAsFailedWhileTheEmailGoes() throws Exception {
        hookStatus.set(503);
        try (ApprovalRequests requests = requests()) {
            propose(requests, "{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}");
            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        }
        assertThat(posted).hasSize(3);
        List<AuditEvent> notices = audit.events().stream().filter(e -> e.action() == AuditAction.NOTIFICATION).toList();
        assertThat(notices).extracting(AuditEvent::outcome).containsExactly("sent", "failed");
        assertThat(notices.get(1).detail()).contains("HTTP 503");
    }
}
