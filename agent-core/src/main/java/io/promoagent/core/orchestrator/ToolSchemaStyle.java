package io.promoagent.core.orchestrator;

/** How tool parameter schemas are handed to the chat model's provider module. */
public enum ToolSchemaStyle {
    /** Self-contained for providers known to drop definitions (Amazon Bedrock), with references otherwise. */
    AUTO,
    /** Definitions at the root and {@code $ref}s to them: compact, for providers that send definitions. */
    REFERENCES,
    /** No definitions: each is inlined where referenced, recursive ones to a bounded depth. */
    SELF_CONTAINED
}
