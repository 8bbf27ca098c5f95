package io.promoagent.core.approval;

/**
 * Tells approvers that a change awaits them (an e-mail, a chat webhook), called by the {@link ApprovalService}
 * once for each proposal after it is stored and audited. A notifier only informs: the decision is still taken
 * by an approver with their own key, through the service. It must not throw; a notifier that fails records
 * the failure itself (the audit trail), since the proposal stands whatever happens to the notice.
 */
@FunctionalInterface
public interface ApprovalNotifier {

    /** A new proposal, as stored: pending, with its change set, preview and expiry. */
    void proposed(ApprovalRecord record);

    /** The notifier that tells no one. */
    static ApprovalNotifier none() {
        return record -> { };
    }
}
