package io.promoagent.email;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;

/**
 * Sends messages through Amazon SES v2 ({@code SendEmail} with simple content and custom headers); needs
 * {@code software.amazon.awssdk:sesv2}. The client's own retry strategy backs off on throttling; what is
 * left after it is reported as retryable.
 */
public final class SesTransport implements EmailTransport {

    private final SesV2Client client;
    private final Clock clock;

    public SesTransport(SesV2Client client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "ses";
    }

    @Override
    public SendReceipt send(EmailMessage message) {
        List<MessageHeader> headers = new ArrayList<>();
        message.headers().forEach((k, v) -> headers.add(MessageHeader.builder().name(k).value(v).build()));
        try {
            SendEmailResponse response = client.sendEmail(b -> b
                    .fromEmailAddress(message.from().toString())
                    .destination(Destination.builder().toAddresses(message.to().toString()).build())
                    .content(EmailContent.builder().simple(Message.builder()
                            .subject(utf8(message.subject()))
                            .body(Body.builder().text(utf8(message.text())).html(utf8(message.html())).build())
                            .headers(headers)
                            .build()).build()));
            return new SendReceipt(name(), response.messageId(), clock.instant());
        } catch (TooManyRequestsException | LimitExceededException e) {
            throw new EmailException("SES is throttling: " + e.awsErrorDetails().errorMessage(), true, e);
        } catch (SesV2Exception e) {
            boolean retryable = e.statusCode() >= 500 || e.isThrottlingException();
            throw new EmailException("SES refused the message: " + e.getMessage(), retryable, e);
        } catch (SdkClientException e) {
            throw new EmailException("SES could not be reached: " + e.getMessage(), true, e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
