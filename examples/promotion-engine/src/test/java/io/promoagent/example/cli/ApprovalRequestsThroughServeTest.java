package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.example.app.DemoUsers;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --notify-email --notify-smtp --notify-webhook}: one proposal made in the running demo reaches
 * the approver's mailbox (GreenMail) and the webhook (a local HTTP server) exactly once each, both linking to
 * the approval in the page; the webhook holds no customer's e-mail address; both are audited.
 */
class ApprovalRequestsThroughServeTest {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private GreenMail greenMail;
    private int smtpPort;
    private HttpServer hook;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                posted.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        hook.stop(0);
        greenMail.stop();
    }

    @Test
    void aProposalInTheDemoReachesTheApproverByEmailAndTheWebhookOnceEach() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServeCommand.Running running = new ServeCommand(Clock.systemUTC()).start(List.of("--port", "0", "--customers", "300",
                "--now", "2026-06-30", "--notify-email", "ada@shop.example.com", "--notify-smtp", "127.0.0.1:" + smtpPort,
                "--notify-webhook", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String approvalId;
        List<String> customerAddresses;
        int port;
        try {
            port = running.server().port();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("approval requests go to 1 approver by e-mail (SMTP 127.0.0.1:"
                    + smtpPort + ") and the webhook at 127.0.0.1");
            Reply reply = running.engine().ask(DemoUsers.MARKETER, "notify-test",
                    "email all reachable VIP customers about the VIP25 promotion", p -> { });
            ApprovalBlock block = reply.block(ApprovalBlock.class).orElseThrow(() -> new AssertionError(reply.text()));
            approvalId = block.approvalId();
            customerAddresses = running.engine().approval(approvalId).orElseThrow().changeSet().affected().stream()
                    .map(a -> String.valueOf(a.after().orElseThrow().valueOrNull("address"))).toList();
            assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
        } finally {
            running.close(); // waits for the deliveries under way
        }
        Thread.sleep(300);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@shop.example.com");
        assertThat(text(received[0])).contains("Recipients: ").contains("http://localhost:" + port + "/#approval=" + approvalId);

        assertThat(posted).hasSize(1);
        String webhook = new ObjectMapper().readTree(posted.get(0)).path("text").asText();
        assertThat(webhook).startsWith("Approval requested: ").contains("Recipients: ")
                .contains("http://localhost:" + port + "/#approval=" + approvalId);
        assertThat(customerAddresses).isNotEmpty().allSatisfy(a -> assertThat(posted.get(0)).doesNotContain(a));
        assertThat(ADDRESS.matcher(posted.get(0)).find()).isFalse();

        List<AuditRecord> notices = running.engine().auditRecords(0, 10_000).stream()
                .filter(r -> r.action() == AuditAction.NOTIFICATION).toList();
        assertThat(notices).extracting(AuditRecord::outcome).containsExactly("sent", "sent");
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return multipart.getBodyPart(i).getContent().toString();
                }
            }
        }
        return content.toString();
    }
}
