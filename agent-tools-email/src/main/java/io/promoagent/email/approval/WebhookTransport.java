package io.promoagent.email.approval;

import io.promoagent.email.EmailException;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.EmailTransport;
import io.promoagent.email.SendReceipt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts an outbox entry's text, a JSON body, to an incoming webhook (Slack, Microsoft Teams, or anything
 * that takes {@code {"text": ...}}). It is a transport of the outbox so that a webhook gets the outbox's
 * exactly-once delivery: an entry keyed by the approval, moved to sent once, never posted twice.
 */
final class WebhookTransport implements EmailTransport {

    private final URI url;
    private final HttpClient http;
    private final Clock clock;

    WebhookTransport(URI url, Clock clock) {
        this.url = url;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public SendReceipt send(EmailMessage message) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(message.text(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EmailException("the webhook at " + url.getHost() + " cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmailException("interrupted while posting to the webhook", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new SendReceipt(name(), message.idempotencyKey(), clock.instant());
        }
        // throttled or failing: worth another try; any other refusal will not change by trying again
        boolean retryable = status == 429 || status / 100 == 5;
        throw new EmailException("the webhook at " + url.getHost() + " answered HTTP " + status, retryable);
    }
}
