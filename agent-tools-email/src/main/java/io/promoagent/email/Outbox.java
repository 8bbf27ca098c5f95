package io.promoagent.email;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Delivers the messages of approved sends exactly once.
 *
 * <p>Each message is an entry keyed by (approval, recipient). Delivery moves it PENDING → SENDING → SENT
 * with conditional changes, so concurrent deliverers never both send it and a retry after a failure
 * resends only what did not leave. A message found SENDING after a restart may have left already: it
 * becomes UNCERTAIN and is not resent automatically — the one case where sending twice and not sending
 * at all cannot both be ruled out, resolved in favour of never sending twice.
 */
public final class Outbox {

    private final OutboxStore store;
    private final EmailTransport transport;
    private final SendRate rate;

    public Outbox(OutboxStore store, EmailTransport transport, SendRate rate) {
        this.store = Objects.requireNonNull(store, "store");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.rate = Objects.requireNonNull(rate, "rate");
    }

    /**
     * Adds the messages of an approval; adding the same approval's messages again changes nothing.
     *
     * @return how many entries were new
     */
    public int enqueue(String approvalId, List<EmailMessage> messages) {
        int added = 0;
        for (EmailMessage m : messages) {
            if (!m.idempotencyKey().equals(OutboxEntry.keyOf(approvalId, m.to()))) {
                throw new EmailException("message to " + m.to().address() + " is not keyed by approval "
                        + approvalId, false);
            }
            if (store.addIfAbsent(OutboxEntry.pending(approvalId, m))) {
                added++;
            }
        }
        return added;
    }

    /**
     * Sends every pending message of the approval. Stops at the first failure the transport calls
     * retryable (the server is down or throttling), leaving the rest pending for a later call.
     */
    public DeliveryReport deliver(String approvalId) {
        int sent = 0;
        int failed = 0;
        Optional<String> stoppedBy = Optional.empty();
        for (OutboxEntry entry : store.forApproval(approvalId)) {
            if (entry.state() != DeliveryState.PENDING) {
                continue;
            }
            OutboxEntry sending = entry.with(DeliveryState.SENDING, entry.attempts() + 1, entry.lastError(), Optional.empty());
            if (!store.replace(entry, sending)) {
                continue; // another deliverer took it
            }
            rate.acquire();
            try {
                SendReceipt receipt = transport.send(sending.message());
                store.replace(sending, sending.with(DeliveryState.SENT, sending.attempts(), Optional.empty(), Optional.of(receipt)));
                sent++;
            } catch (EmailException e) {
                if (e.retryable()) {
                    store.replace(sending, sending.with(DeliveryState.PENDING, sending.attempts(), Optional.of(e.getMessage()), Optional.empty()));
                    stoppedBy = Optional.of(e.getMessage());
                    break;
                }
                store.replace(sending, sending.with(DeliveryState.FAILED, sending.attempts(), Optional.of(e.getMessage()), Optional.empty()));
                failed++;
            }
        }
        return report(approvalId, sent, failed, stoppedBy);
    }

    /**
     * Marks messages left SENDING by a stopped process as UNCERTAIN; call once when an instance starts.
     *
     * @return how many were marked
     */
    public int recoverAfterRestart() {
        int marked = 0;
        for (OutboxEntry e : store.all()) {
            if (e.state() == DeliveryState.SENDING
                    && store.replace(e, e.with(DeliveryState.UNCERTAIN, e.attempts(), Optional.of("the process stopped while sending"), Optional.empty()))) {
                marked++;
            }
        }
        return marked;
    }

    /**
     * The recipients of messages that left or are on their way (sent, queued, sending, or uncertain after a
     * restart) under any approval but {@code exceptApprovalId}, among those {@code about} selects; failed
     * messages do not count. Send tools use it to leave out who already received a message about the same thing.
     */
    public Set<String> recipients(Predicate<EmailMessage> about, String exceptApprovalId) {
        Set<String> out = new HashSet<>();
        for (OutboxEntry e : store.all()) {
            if (e.state() != DeliveryState.FAILED && !e.approvalId().equals(exceptApprovalId) && about.test(e.message())) {
                out.add(e.message().to().address());
            }
        }
        return out;
    }

    public List<OutboxEntry> entries(String approvalId) {
        return store.forApproval(approvalId);
    }

    private DeliveryReport report(String approvalId, int sent, int failed, Optional<String> stoppedBy) {
        int pending = 0;
        int uncertain = 0;
        int sentTotal = 0;
        for (OutboxEntry e : store.forApproval(approvalId)) {
            if (e.state() == DeliveryState.PENDING) {
                pending++;
            } else if (e.state() == DeliveryState.UNCERTAIN || e.state() == DeliveryState.SENDING) {
                uncertain++;
            } else if (e.state() == DeliveryState.SENT) {
                sentTotal++;
            }
        }
        return new DeliveryReport(approvalId, sent, failed, pending, uncertain, sentTotal, stoppedBy);
    }

    /**
     * What one delivery run did, and where the approval's messages stand after it.
     *
     * @param sentNow     messages sent by this run
     * @param failedNow   messages refused for good by this run
     * @param pending     messages still waiting (a retryable failure stopped the run)
     * @param uncertain   messages that may or may not have left before a restart
     * @param sentTotal   messages of the approval sent so far, by any run
     * @param stoppedBy   the retryable failure that stopped the run, if any
     */
    public record DeliveryReport(String approvalId, int sentNow, int failedNow, int pending, int uncertain,
                                 int sentTotal, Optional<String> stoppedBy) {

        public boolean complete() {
            return pending == 0 && uncertain == 0;
        }
    }
}
