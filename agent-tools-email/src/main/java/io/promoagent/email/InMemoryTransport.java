package io.promoagent.email;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Keeps messages in memory instead of sending them: the demo's outbox view and a test double. */
public final class InMemoryTransport implements EmailTransport {

    private final Clock clock;
    private final List<EmailMessage> sent = new ArrayList<>();

    public InMemoryTransport(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized SendReceipt send(EmailMessage message) {
        sent.add(message);
        return new SendReceipt(name(), message.messageId(), clock.instant());
    }

    /** Every message accepted, in order. */
    public synchronized List<EmailMessage> sent() {
        return List.copyOf(sent);
    }
}
