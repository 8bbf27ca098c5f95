package io.promoagent.email;

/** Why a recipient of a send is left out. */
public enum SkipReason {
    /** The customer did not agree to marketing e-mail. */
    NOT_OPTED_IN,
    /** Mail to the address bounced. */
    BOUNCED,
    /** The recipient marked a message as spam. */
    COMPLAINED,
    /** The recipient unsubscribed. */
    UNSUBSCRIBED,
    /** The address is on the suppression list. */
    SUPPRESSED,
    /** The record has no e-mail address. */
    NO_ADDRESS,
    /** The address is neither a customer's nor on the allow-list. */
    NOT_A_CUSTOMER,
    /** The same address was already among the recipients. */
    DUPLICATE
}
