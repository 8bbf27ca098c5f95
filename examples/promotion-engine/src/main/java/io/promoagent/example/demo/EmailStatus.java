package io.promoagent.example.demo;

/** Whether e-mail to a customer's address can be delivered, as the mail provider last reported it. */
public enum EmailStatus {
    OK("ok"),
    BOUNCED("bounced"),
    COMPLAINED("complained"),
    UNSUBSCRIBED("unsubscribed");

    private final String wireName;

    EmailStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it is stored and exported, for example {@code bounced}. */
    public String wireName() {
        return wireName;
    }
}
