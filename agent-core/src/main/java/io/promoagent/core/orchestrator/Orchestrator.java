package io.promoagent.core.orchestrator;

import io.promoagent.core.reply.Reply;

/**
 * Answers a person's request: the LLM orchestrator on any LangChain4j chat model, the offline planner, or
 * a hybrid of the two.
 *
 * <p>An implementation never throws for what a model or a person did wrong: failures come back as a reply
 * with an {@link io.promoagent.core.reply.ErrorBlock} and a stable code. It must be thread-safe.
 */
@FunctionalInterface
public interface Orchestrator {

    Reply handle(AgentRequest request);
}
