package io.promoagent.planner.plan;

/**
 * What the offline planner made of a request: a query to read, a write or send to propose, a question
 * back, an error naming what does not exist, or a refusal; each with a confidence in [0, 1] and the reason
 * for it.
 *
 * <p>A plan is only a plan: a {@link ToolPlan} is proposed through the approval machinery like any model's
 * call, and nothing is written before a person approves it.
 */
public sealed interface Plan permits ReadPlan, ToolPlan, Clarification, PlanError, Refusal {

    /** How sure the planner is, from 0 (a guess) to 1 (certain). */
    double confidence();

    /** Why it planned this, in words: what each part of the request was taken to mean. */
    String reason();

    /** The kind of plan as a word ({@code read}, {@code tool}, {@code clarify}, {@code error}, {@code refuse}). */
    String kind();
}
