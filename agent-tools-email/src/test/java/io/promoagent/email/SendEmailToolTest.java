package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** send_email over the demo data, approved through the approval service, delivered to GreenMail. */
class SendEmailToolTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final Principal APPROVER = Principal.of("ada", "approver");
    static final ObjectMapper JSON = new ObjectMapper();

    final Clock clock = Clock.fixed(Instant.parse("2026-06-30T09:00:00Z"), ZoneOffset.UTC);
    DataModel model;
    DataFixture data;
    GreenMail greenMail;
    SendEmailTool tool;
    ApprovalService approvals;

    @BeforeEach
    void setUp() throws Exception {
        model = DemoShop.model();
        data = DataFixture.loadResources(model, DemoShop.class, DemoShop.DATA);
        QueryEngine engine = QueryEngine.builder(model).source(data.inMemorySource("dynamodb")).clock(clock).build();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Outbox outbox = new Outbox(new InMemoryOutboxStore(),
                SmtpTransport.create("127.0.0.1", port, false, Optional.empty(), Optional.empty(), clock), SendRate.unlimited());
        EmailSettings settings = new EmailSettings(EmailAddress.of("offers@shop.example.com", "Example Shop"),
                "1 Market Street, Springfield", "https://shop.example.com/unsubscribe",
                "unsubscribe-key-unsubscribe-key-0123456789".getBytes(StandardCharsets.UTF_8), Set.of("team@shop.example.com"), 10_000);
        tool = new SendEmailTool(model, engine, ConsentPolicy.demo(SuppressionList.of()), settings, outbox);
        approvals = ApprovalService.builder(ToolRegistry.of(tool), "approval-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .clock(clock).build();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    ChangeSet propose(String json) throws Exception {
        return tool.propose(ToolCall.of("send_email", JSON.readTree(json)), ToolContext.of(MARKETER, clock));
    }

    ApplyResult approveAndApply(ChangeSet cs) {
        ApprovalTicket ticket = approvals.submit(cs, ToolContext.of(MARKETER, clock));
        ApprovalGrant grant = approvals.approve(ticket.approvalId(), APPROVER, "ok");
        return approvals.apply(grant, ToolContext.of(APPROVER, clock));
    }

    @Nested
    class OneCustomerByAddress {

        @Test
        void previewsOneRecipientAndTheRenderedMessageWithoutSendingAnything() throws Exception {
            ChangeSet cs = propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"newest\"}");

            assertThat(cs.affectedCount()).isEqualTo(1);
            JsonNode sample = cs.preview().get("sample");
            assertThat(sample.get("to").asText()).isEqualTo("john@example.com");
            assertThat(sample.get("text").asText()).startsWith("Hello John,").contains("Unsubscribe: https://shop.example.com/unsubscribe?c=");
            assertThat(sample.get("html").asText()).contains("1 Market Street, Springfield");
            assertThat(sample.get("headers").get("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(cs.summary()).contains("to 1 recipient");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        }

        @Test
        void afterApprovalTheServerHoldsExactlyOneMessageWithTheUnsubscribeHeaders() throws Exception {
            ChangeSet cs = propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"newest\"}");
            ApplyResult result = approveAndApply(cs);

            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(result.appliedCount()).isEqualTo(1);
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("john@example.com");
            assertThat(received[0].getHeader("List-Unsubscribe")[0]).startsWith("<https://shop.example.com/unsubscribe?c=C");
            assertThat(received[0].getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(received[0].getSubject()).isEqualTo(cs.preview().get("sample").get("subject").asText());
        }

        @Test
        void aReplayedApprovalSendsNothingMore() throws Exception {
            ChangeSet cs = propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"VIP25\"}");
            ApprovalTicket ticket = approvals.submit(cs, ToolContext.of(MARKETER, clock));
            ApprovalGrant grant = approvals.approve(ticket.approvalId(), APPROVER, "ok");
            approvals.apply(grant, ToolContext.of(APPROVER, clock));
            assertThatThrownBy(() -> approvals.apply(grant, ToolContext.of(APPROVER, clock))).isInstanceOf(ApprovalException.class);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        }
    }

    @Nested
    class AnAudience {

        @Test
        void skipsOptedOutAndBouncedVipsInThePreviewAndMailsEachReachableVipOnce() throws Exception {
            List<Row> vips = data.rows("customers").stream().filter(r -> "VIP".equals(r.valueOrNull("segment"))).toList();
            List<String> reachable = vips.stream()
                    .filter(r -> Boolean.TRUE.equals(r.valueOrNull("marketing_opt_in")) && "ok".equals(r.valueOrNull("email_status")))
                    .map(r -> (String) r.valueOrNull("email")).toList();

            ChangeSet cs = propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}");

            assertThat(cs.affectedCount()).isEqualTo(reachable.size());
            assertThat(cs.preview().get("skippedTotal").asInt()).isEqualTo(vips.size() - reachable.size()).isPositive();
            assertThat(cs.preview().get("skipped").has("not_opted_in") || cs.preview().get("skipped").has("bounced")).isTrue();

            approveAndApply(cs);

            assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(SendEmailToolTest::recipient))
                    .containsExactlyInAnyOrderElementsOf(reachable);
        }
    }

    @Nested
    class BadInput {

        @Test
        void refusesAnAddressThatIsNeitherACustomerNorAllowListed() {
            assertThatThrownBy(() -> propose("{\"to\":[\"stranger@example.net\"],\"promotion_code\":\"VIP25\"}"))
                    .isInstanceOfSatisfying(InvalidArgumentsException.class, e ->
                            assertThat(e.errors()).singleElement().satisfies(err -> {
                                assertThat(err.code()).isEqualTo("unknown_recipient");
                                assertThat(err.path()).isEqualTo("$.to[0]");
                            }));
        }

        @Test
        void acceptsAnAllowListedAddressThatIsNoCustomer() throws Exception {
            ChangeSet cs = propose("{\"to\":[\"team@shop.example.com\"],\"subject\":\"Test\",\"message\":\"Checking the template\"}");
            approveAndApply(cs);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        }

        @Test
        void refusesAnUnknownPromotionCodeAndAnUnknownRule() {
            assertThatThrownBy(() -> propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"NOPE99\"}"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("NOPE99");
            assertThatThrownBy(() -> propose("{\"audience_rule\":\"vips\",\"promotion_code\":\"VIP25\"}"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("vip");
        }

        @Test
        void refusesASendThatSaysNeitherToWhomNorAbout() {
            assertThatThrownBy(() -> propose("{\"promotion_code\":\"VIP25\"}")).isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("who receives");
            assertThatThrownBy(() -> propose("{\"to\":[\"john@example.com\"]}")).isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("what the e-mail is about");
            assertThatThrownBy(() -> propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"VIP25\",\"bcc\":\"x@example.com\"}"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("bcc");
        }

        @Test
        void escapesAModelWrittenMessageInTheHtmlPart() throws Exception {
            ChangeSet cs = propose("{\"to\":[\"john@example.com\"],\"promotion_code\":\"VIP25\",\"message\":\"<img src=x onerror=alert(1)>\"}");
            assertThat(cs.preview().get("sample").get("html").asText()).contains("&lt;img src=x onerror=alert(1)&gt;")
                    .doesNotContain("<img");
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
