package io.promoagent.core.change;

/** What a {@link RecordWriter} knows of the write an idempotency token identifies. */
public enum WriteState {
    /** The write happened: every change of it was stored. */
    WRITTEN,
    /** The write did not happen (and, while no call with the token is under way, none of it is stored). */
    NOT_WRITTEN,
    /** The writer cannot tell: it keeps no durable record of tokens, or forgot this one. */
    UNKNOWN
}
