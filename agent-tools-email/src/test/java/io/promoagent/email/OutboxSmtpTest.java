package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox over real SMTP: GreenMail in-process. */
class OutboxSmtpTest {

    private int port;
    private GreenMail greenMail;
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private SmtpTransport smtp;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        greenMail = startGreenMail();
        smtp = SmtpTransport.create("127.0.0.1", port, false, Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    private GreenMail startGreenMail() {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private static List<EmailMessage> messages(String approvalId, int n) {
        List<EmailMessage> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            EmailAddress to = EmailAddress.of("customer" + i + "@example.com", "Customer " + i);
            out.add(new EmailMessage(EmailAddress.of("offers@shop.example.com", "Shop"), to, "VIP25 is here",
                    "Hello", "<p>Hello</p>",
                    Map.of("List-Unsubscribe", "<https://shop.example.com/unsubscribe?c=" + i + ">",
                            "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                    OutboxEntry.keyOf(approvalId, to)));
        }
        return out;
    }

    @Test
    void sendsEachMessageOnceWithTheUnsubscribeHeaders() throws Exception {
        Outbox outbox = new Outbox(store, smtp, SendRate.unlimited());
        outbox.enqueue("a1", messages("a1", 3));

        Outbox.DeliveryReport report = outbox.deliver("a1");
        outbox.deliver("a1");

        assertThat(report.sentNow()).isEqualTo(3);
        assertThat(report.complete()).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(received[0].getHeader("List-Unsubscribe")[0]).startsWith("<https://shop.example.com/unsubscribe");
        assertThat(received[0].getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(received[0].getMessageID()).isEqualTo("<a1-customer1-example.com@shop.example.com>");
    }

    @Test
    void enqueuingTheSameApprovalTwiceAddsNothing() {
        Outbox outbox = new Outbox(store, smtp, SendRate.unlimited());
        assertThat(outbox.enqueue("a1", messages("a1", 3))).isEqualTo(3);
        assertThat(outbox.enqueue("a1", messages("a1", 3))).isZero();
        outbox.deliver("a1");
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void keepsTheRestWhenTheServerGoesDownMidBatchAndCompletesWithoutDuplicates() throws Exception {
        EmailTransport stopsAfterTwo = new EmailTransport() {
            int sent;

            @Override
            public String name() {
                return "smtp";
            }

            @Override
            public SendReceipt send(EmailMessage message) {
                if (sent == 2) {
                    greenMail.stop();
                }
                SendReceipt r = smtp.send(message);
                sent++;
                return r;
            }
        };
        Outbox outbox = new Outbox(store, stopsAfterTwo, SendRate.unlimited());
        outbox.enqueue("a1", messages("a1", 5));

        Outbox.DeliveryReport first = outbox.deliver("a1");

        assertThat(first.sentNow()).isEqualTo(2);
        assertThat(first.pending()).isEqualTo(3);
        assertThat(first.stoppedBy()).isPresent();

        greenMail = startGreenMail();
        Outbox.DeliveryReport retry = new Outbox(store, smtp, SendRate.unlimited()).deliver("a1");

        assertThat(retry.sentNow()).isEqualTo(3);
        assertThat(retry.sentTotal()).isEqualTo(5);
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(OutboxSmtpTest::recipient))
                .containsExactlyInAnyOrder("customer3@example.com", "customer4@example.com", "customer5@example.com");
    }

    @Test
    void neverResendsAMessageThatMayHaveLeftBeforeACrash() {
        EmailTransport diesAfterSending = new EmailTransport() {
            @Override
            public String name() {
                return "smtp";
            }

            @Override
            public SendReceipt send(EmailMessage message) {
                smtp.send(message);
                throw new IllegalStateException("the process stops before the outbox records the send");
            }
        };
        new Outbox(store, diesAfterSending, SendRate.unlimited()).enqueue("a1", messages("a1", 1));
        assertThatThrownBy(() -> new Outbox(store, diesAfterSending, SendRate.unlimited()).deliver("a1"))
                .isInstanceOf(IllegalStateException.class);

        Outbox restarted = new Outbox(store, smtp, SendRate.unlimited());
        assertThat(restarted.recoverAfterRestart()).isEqualTo(1);
        Outbox.DeliveryReport report = restarted.deliver("a1");

        assertThat(report.sentNow()).isZero();
        assertThat(report.uncertain()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(restarted.entries("a1").get(0).state()).isEqualTo(DeliveryState.UNCERTAIN);
    }

    @Test
    void twoDeliverersRacingSendEachMessageOnce() throws Exception {
        Outbox outbox = new Outbox(store, smtp, SendRate.unlimited());
        outbox.enqueue("a1", messages("a1", 20));
        Thread t1 = new Thread(() -> new Outbox(store, smtp, SendRate.unlimited()).deliver("a1"));
        Thread t2 = new Thread(() -> new Outbox(store, smtp, SendRate.unlimited()).deliver("a1"));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertThat(greenMail.getReceivedMessages()).hasSize(20);
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(OutboxSmtpTest::recipient).distinct()).hasSize(20);
    }

    @Test
    void refusesAMessageNotKeyedByItsApproval() {
        Outbox outbox = new Outbox(store, smtp, SendRate.unlimited());
        assertThatThrownBy(() -> outbox.enqueue("other", messages("a1", 1)))
                .isInstanceOf(EmailException.class)
                .hasMessageContaining("not keyed by approval other");
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString().replaceAll(".*<|>.*", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
