package io.promoagent.schema.model;

/** Who may see the values of a field. */
public enum Visibility {
    /** A language model may see the values. */
    MODEL,
    /** Shown to the person, never sent to a model (e-mail addresses, phone numbers). */
    UI,
    /** Neither shown nor sent; usable in filters only by the library itself. */
    HIDDEN
}
