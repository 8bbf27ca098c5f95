package io.promoagent.core.orchestrator;

/** How tool parameter schemas are handed to the chat model's provider module. */
public enum ToolSchemaStyle {
    /** {@link #COMPACT}, for every provider. */
    AUTO,
    /**
     * Definitions written once, in a short type notation, in the tool's description, and referred to by name
     * in the parameters; names the system prompt's data model digest describes are not described again.
     * The smallest style, and self-contained, so it suits providers that drop definitions (Amazon Bedrock).
     */
    COMPACT,
    /** Definitions at the root and {@code $ref}s to them, for providers that send definitions. */
    REFERENCES,
    /** No definitions: each is inlined where referenced, recursive ones to a bounded depth. */
    SELF_CONTAINED
}
