package io.promoagent.core.orchestrator;

/** Who writes the answer once the tools have run. */
public enum ReplyMode {
    /** The model gets the compact tool results and writes the answer: one more model call. */
    MODEL,
    /**
     * When every call of a model turn succeeded and produced blocks (tables, metrics, approvals), the
     * blocks go straight to the person with a short text made from the results: no second model call.
     */
    DIRECT
}
