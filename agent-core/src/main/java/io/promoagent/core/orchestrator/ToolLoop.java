package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.promoagent.core.internal.telemetry.AgentTelemetry;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionMessage;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.validate.InvalidQueryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request's conversation with the model: the bounded loop of model turns and tool calls. */
final class ToolLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ToolLoop.class);
    private static final int MAX_TOOL_NAME = 64;

    private final LlmOrchestrator o;
    private final AgentRequest request;
    private final ToolContext context;
    private final UsageMeter meter = new UsageMeter();
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Integer> invalidInARow = new HashMap<>();
    private int generatedIds;

    ToolLoop(LlmOrchestrator orchestrator, AgentRequest request) {
        this.o = orchestrator;
        this.request = request;
        this.context = new ToolContext(request.principal(), request.sessionId(), UUID.randomUUID().toString(),
                orchestrator.clock);
    }

    /** The request in its {@code invoke_agent} span, with the reply's usage and error code as attributes. */
    Reply run() {
        Span span = o.telemetry.span("invoke_agent " + o.agentName, SpanKind.INTERNAL)
                .setAttribute(AgentTelemetry.OPERATION, "invoke_agent")
                .setAttribute(AgentTelemetry.AGENT_NAME, o.agentName)
                .setAttribute(AgentTelemetry.PROVIDER, o.identity.provider())
                .setAttribute(AgentTelemetry.CONVERSATION, request.sessionId())
                .setAttribute(AgentTelemetry.REQUEST_ID, context.requestId())
                .startSpan();
        if (o.identity.model() != null) {
            span.setAttribute(AgentTelemetry.REQUEST_MODEL, o.identity.model());
        }
        try (Scope ignored = span.makeCurrent()) {
            Reply reply = answerRequest();
            span.setAttribute(AgentTelemetry.INPUT_TOKENS, reply.usage().inputTokens())
                    .setAttribute(AgentTelemetry.OUTPUT_TOKENS, reply.usage().outputTokens())
                    .setAttribute(AgentTelemetry.MODEL_CALLS, (long) reply.usage().modelCalls())
                    .setAttribute(AgentTelemetry.TOOL_CALLS, (long) reply.usage().toolCalls());
            reply.blocks().stream().filter(ErrorBlock.class::isInstance).map(ErrorBlock.class::cast).reduce((a, b) -> b)
                    .ifPresent(e -> AgentTelemetry.fail(span, e.code()));
            return reply;
        } catch (RuntimeException e) {
            AgentTelemetry.fail(span, e.getClass().getName());
            throw e;
        } finally {
            span.end();
        }
    }

    private Reply answerRequest() {
        if (request.text().length() > o.maxRequestChars) {
            return error(AgentErrorCode.REQUEST_TOO_LARGE, "The request has " + request.text().length()
                    + " characters; at most " + o.maxRequestChars + " are accepted.", List.of());
        }
        Session session = o.sessionLog.load(request.sessionId());
        messages.add(SystemMessage.from(o.systemPrompt()));
        for (SessionMessage m : o.sessionLog.window(session)) {
            messages.add(m.role() == SessionMessage.Role.USER ? UserMessage.from(m.text()) : AiMessage.from(m.text()));
        }
        messages.add(UserMessage.from(request.text()));
        Reply reply = loop();
        // the last proposal or dry run is what a what-if in a later turn changes, whoever answers that turn
        Session next = session;
        for (Block b : reply.blocks()) {
            if (b instanceof ApprovalBlock || b instanceof PreviewBlock) {
                next = next.withLastPreview(b);
            }
        }
        o.sessionLog.append(next, request.text(), reply.text());
        return reply.withUsage(meter.usage());
    }

    private Reply loop() {
        while (true) {
            if (meter.modelCalls() >= o.maxModelCalls) {
                return error(AgentErrorCode.TOO_MANY_MODEL_CALLS, "The request needed more than " + o.maxModelCalls
                        + " model calls and was stopped.", List.of());
            }
            ChatResponse response;
            try {
                response = chat();
            } catch (RuntimeException e) {
                meter.modelCall(null);
                LOG.warn("the chat model failed", e);
                return error(AgentErrorCode.MODEL_FAILED, "The language model could not be reached or failed ("
                        + e.getClass().getSimpleName() + ").", List.of());
            }
            meter.modelCall(response);
            AiMessage ai = response == null ? null : response.aiMessage();
            if (ai == null) {
                return error(AgentErrorCode.MODEL_FAILED, "The language model returned no message.", List.of());
            }
            if (!ai.hasToolExecutionRequests()) {
                return answer(ai.text());
            }
            List<ToolExecutionRequest> requests = ai.toolExecutionRequests();
            if (meter.toolCalls() + requests.size() > o.maxToolCalls) {
                return error(AgentErrorCode.TOO_MANY_TOOL_CALLS, "The request needed more than " + o.maxToolCalls
                        + " tool calls and was stopped.", List.of());
            }
            meter.toolCalls(requests.size());
            Reply stop = turn(ai, requests);
            if (stop != null) {
                return stop;
            }
        }
    }

    /** One model call in its {@code chat} span, with the token usage and duration metrics. */
    private ChatResponse chat() {
        AttributesBuilder call = Attributes.builder().put(AgentTelemetry.OPERATION, "chat")
                .put(AgentTelemetry.PROVIDER, o.identity.provider());
        if (o.identity.model() != null) {
            call.put(AgentTelemetry.REQUEST_MODEL, o.identity.model());
        }
        Attributes attributes = call.build();
        Span span = o.telemetry.span(o.identity.chatSpanName(), SpanKind.CLIENT).setAllAttributes(attributes)
                .startSpan();
        long start = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            ChatResponse response = o.chatModel.chat(ChatRequest.builder()
                    .messages(new ArrayList<>(messages))
                    .toolSpecifications(o.specifications)
                    .build());
            if (response != null) {
                if (response.modelName() != null) {
                    span.setAttribute(AgentTelemetry.RESPONSE_MODEL, response.modelName());
                }
                if (response.finishReason() != null) {
                    span.setAttribute(AgentTelemetry.FINISH_REASONS,
                            List.of(response.finishReason().name().toLowerCase(Locale.ROOT)));
                }
                TokenUsage usage = response.tokenUsage();
                if (usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null) {
                    span.setAttribute(AgentTelemetry.INPUT_TOKENS, (long) usage.inputTokenCount())
                            .setAttribute(AgentTelemetry.OUTPUT_TOKENS, (long) usage.outputTokenCount());
                    o.telemetry.recordTokens(attributes, usage.inputTokenCount(), usage.outputTokenCount());
                }
            }
            o.telemetry.recordOperation(attributes, System.nanoTime() - start);
            return response;
        } catch (RuntimeException e) {
            AgentTelemetry.fail(span, e.getClass().getName());
            o.telemetry.recordOperation(attributes.toBuilder().put(AgentTelemetry.ERROR_TYPE, e.getClass().getName())
                    .build(), System.nanoTime() - start);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Runs one turn's calls; returns a reply when the request ends here, null to ask the model again. */
    private Reply turn(AiMessage ai, List<ToolExecutionRequest> requests) {
        List<ToolExecutionRequest> safe = new ArrayList<>();
        ToolResult[] results = new ToolResult[requests.size()];
        List<ToolCall> calls = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest r = requests.get(i);
            String id = r.id() != null && !r.id().isBlank() ? r.id() : "call-" + (++generatedIds);
            String name = r.name() == null ? "" : r.name();
            if (name.length() > MAX_TOOL_NAME) {
                name = name.substring(0, MAX_TOOL_NAME);
            }
            String arguments = r.arguments();
            if (arguments != null && arguments.length() > o.maxArgumentChars) {
                // never parse it, and never send it back: the history keeps a placeholder instead
                results[i] = ToolResult.invalid(List.of(ToolError.of(AgentErrorCode.ARGUMENTS_TOO_LARGE,
                        "the arguments have " + arguments.length() + " characters; at most " + o.maxArgumentChars
                                + " are read")));
                arguments = "{}";
            } else {
                try {
                    calls.add(new ToolCall(id, name, parse(arguments)));
                    positions.add(i);
                } catch (InvalidQueryException e) {
                    results[i] = ToolResult.invalid(List.of(ToolError.of(AgentErrorCode.MALFORMED_ARGUMENTS,
                            "the arguments are not valid JSON: " + e.errors().get(0).message())));
                    arguments = "{}";
                }
            }
            safe.add(ToolExecutionRequest.builder().id(id).name(name).arguments(arguments == null ? "{}" : arguments)
                    .build());
        }
        messages.add(AiMessage.from(ai.text(), safe));
        List<ToolResult> executed = o.executor.executeAll(calls, context);
        for (int k = 0; k < positions.size(); k++) {
            results[positions.get(k)] = executed.get(k);
        }
        boolean allGood = true;
        List<String> summaries = new ArrayList<>();
        List<Block> turnBlocks = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            ToolResult result = results[i];
            ToolExecutionRequest r = safe.get(i);
            messages.add(ToolExecutionResultMessage.builder().id(r.id()).toolName(r.name())
                    .text(json(result.forModel()))
                    .isError(result.isSuccess() ? null : Boolean.TRUE)
                    .build());
            if (result.status() == ToolResult.Status.INVALID_ARGUMENTS) {
                allGood = false;
                int streak = invalidInARow.merge(r.name(), 1, Integer::sum);
                if (streak > o.maxRepairs) {
                    blocks.addAll(turnBlocks);
                    ToolError last = result.errors().get(0);
                    return error(AgentErrorCode.TOO_MANY_REPAIRS, "The call to '" + r.name() + "' was still invalid after "
                            + o.maxRepairs + " repairs: " + last.message(), last.suggestions());
                }
            } else if (result.isSuccess()) {
                invalidInARow.remove(r.name());
                turnBlocks.addAll(result.blocks());
                summaries.add(result.summary());
            } else {
                allGood = false;
            }
        }
        blocks.addAll(turnBlocks);
        if (o.replyMode == ReplyMode.DIRECT && allGood && !turnBlocks.isEmpty()) {
            // not the model's own text: alongside tool calls it is usually a preamble ("Let me look that up")
            return new Reply(sentence(summaries), blocks, meter.usage());
        }
        return null;
    }

    private JsonNode parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return QueryJson.mapper().createObjectNode();
        }
        return QueryJson.parse(arguments);
    }

    private Reply answer(String text) {
        if (text == null || text.isBlank()) {
            if (blocks.isEmpty()) {
                return error(AgentErrorCode.MODEL_FAILED, "The language model returned an empty answer.", List.of());
            }
            return new Reply("Here is what I found.", blocks, meter.usage());
        }
        return new Reply(text, blocks, meter.usage());
    }

    private Reply error(AgentErrorCode code, String message, List<String> suggestions) {
        List<Block> all = new ArrayList<>(blocks);
        all.add(new ErrorBlock(code.code(), message, suggestions));
        return new Reply(message, all, meter.usage());
    }

    private static String sentence(List<String> summaries) {
        String s = String.join("; ", summaries);
        if (s.isEmpty()) {
            return "Done.";
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private static String json(JsonNode node) {
        try {
            return QueryJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
