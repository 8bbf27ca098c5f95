package io.promoagent.example.app;

import io.promoagent.core.approval.ApprovalNotifier;
import io.promoagent.core.approval.ApprovalRecord;

/**
 * The approval service's notifier, set once the server knows its own address: approval requests link to
 * the page, whose port is known only after the server started ({@code --port 0}).
 */
final class ForwardingNotifier implements ApprovalNotifier {

    private volatile ApprovalNotifier target = ApprovalNotifier.none();

    void forwardTo(ApprovalNotifier notifier) {
        this.target = notifier;
    }

    @Override
    public void proposed(ApprovalRecord record) {
        target.proposed(record);
    }
}
