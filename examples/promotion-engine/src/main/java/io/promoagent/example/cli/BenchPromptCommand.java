package io.promoagent.example.cli;

import io.promoagent.core.reply.ReplyJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.DevSetReads;
import io.promoagent.schema.AgentException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * {@code promo-agent bench prompt}: how large the first request to the model is, for each provider, as the
 * provider module really sends it. Each provider's module talks to a local server standing in for the
 * provider ({@link ProviderStandIn}), which records the request bodies and answers at once; the agent is the
 * demo's language-model orchestrator alone (no offline planner in front), over the demo data model and tools.
 */
public final class BenchPromptCommand implements Command {

    static final String BEDROCK_MODEL = "amazon.nova-lite-v1:0";
    static final String OPENAI_MODEL = "qwen2.5:7b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUES = Set.of();
    private static final Set<String> FLAGS = Set.of("--json", "--help");

    @Override
    public String name() {
        return "bench prompt";
    }

    @Override
    public String summary() {
        return "Measure the first request to the model for Bedrock and OpenAI-compatible servers";
    }

    @Override
    public String synopsis() {
        return "[--json]";
    }

    @Override
    public String help() {
        return String.join("\n", "Usage: promo-agent " + name() + " " + synopsis(), summary() + ".",
                "Each provider module sends the development set's " + DevSetReads.REQUESTS.size() + " read requests, each in a new",
                "conversation, to a local server standing in for the provider; the command prints the characters",
                "and estimated tokens (characters / 4) of the first request and the average over the set.",
                "  --json       one JSON object instead of a table", "");
    }

    /** One provider's first requests, measured. */
    record Measured(String provider, String firstBody, double averageChars) {

        int firstChars() {
            return firstBody.length();
        }

        /** The parts of the first request: the system prompt, each tool, the rest (messages, envelope). */
        Map<String, Integer> parts() {
            try {
                JsonNode body = JSON.readTree(firstBody);
                Map<String, Integer> parts = new LinkedHashMap<>();
                JsonNode tools = body.has("toolConfig") ? body.at("/toolConfig/tools") : body.path("tools");
                JsonNode system = body.has("system") ? body.path("system") : body.at("/messages/0");
                parts.put("systemPrompt", JSON.writeValueAsString(system).length());
                int toolTotal = 0;
                for (JsonNode tool : tools) {
                    JsonNode spec = tool.has("toolSpec") ? tool.get("toolSpec") : tool.get("function");
                    int size = JSON.writeValueAsString(tool).length();
                    parts.put("tool " + spec.path("name").asText(), size);
                    toolTotal += size;
                }
                parts.put("rest", firstBody.length() - toolTotal - parts.get("systemPrompt"));
                return parts;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the request body is not JSON", e);
            }
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments a = CommandArguments.parse(args, VALUES, FLAGS);
        if (a.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        // the first request depends on the data model and the tools, not on the data: a small data set does
        EngineOptions demo = EngineOptions.demo(42, 60, LocalDate.of(2026, 6, 30)).withQueryCache(Duration.ZERO);
        try {
            Measured bedrock = measure("bedrock", ProviderStandIn.BEDROCK_ANSWER, demo, BenchPromptCommand::bedrock);
            Measured openAi = measure("openai", ProviderStandIn.OPENAI_ANSWER, demo, BenchPromptCommand::openAi);
            if (a.hasFlag("--json")) {
                ObjectNode o = JSON.createObjectNode();
                o.put("requests", DevSetReads.REQUESTS.size());
                o.put("bedrockFirstRequestChars", bedrock.firstChars());
                o.put("bedrockFirstRequestTokens", bedrock.firstChars() / 4);
                o.put("bedrockAverageChars", Math.round(bedrock.averageChars()));
                o.put("openAiFirstRequestChars", openAi.firstChars());
                o.put("openAiFirstRequestTokens", openAi.firstChars() / 4);
                o.put("openAiAverageChars", Math.round(openAi.averageChars()));
                o.set("bedrockParts", JSON.valueToTree(bedrock.parts()));
                o.set("openAiParts", JSON.valueToTree(openAi.parts()));
                out.println(ReplyJson.writeTree(o));
            } else {
                out.printf(Locale.ROOT, "first request (\"%s\") and the average over the %d read requests of the development set%n",
                        DevSetReads.REQUESTS.get(0), DevSetReads.REQUESTS.size());
                for (Measured m : List.of(bedrock, openAi)) {
                    out.printf(Locale.ROOT, "%-8s first %,7d chars (~%,6d tokens)   average %,9.0f chars (~%,6.0f tokens)%n",
                            m.provider(), m.firstChars(), m.firstChars() / 4, m.averageChars(), m.averageChars() / 4);
                    m.parts().forEach((part, size) -> out.printf(Locale.ROOT, "           %-28s %,7d%n", part, size));
                }
            }
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (AgentException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
    }

    private static Measured measure(String provider, String answer, EngineOptions demo, Function<String, ChatModel> model) {
        try (ProviderStandIn standIn = ProviderStandIn.start(answer);
             PromotionEngine engine = PromotionEngine.startWithModel(demo, model.apply(standIn.baseUrl()))) {
            int i = 0;
            for (String request : DevSetReads.REQUESTS) {
                // a new conversation each time: every request is a first request
                engine.ask(DemoUsers.ANALYST, "bench-prompt-" + (i++), request, p -> { });
            }
            List<String> bodies = standIn.bodies();
            if (bodies.size() != DevSetReads.REQUESTS.size()) {
                throw new AgentException(provider + ": expected one model call per request, got " + bodies.size());
            }
            double average = bodies.stream().mapToInt(String::length).average().orElse(0);
            return new Measured(provider, bodies.get(0), average);
        } catch (AgentException e) {
            throw e;
        } catch (Exception e) {
            throw new AgentException(provider + ": " + e.getMessage(), e);
        }
    }

    private static ChatModel bedrock(String baseUrl) {
        BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(URI.create(baseUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build();
        return BedrockChatModel.builder().client(client).modelId(BEDROCK_MODEL).maxRetries(0).build();
    }

    private static ChatModel openAi(String baseUrl) {
        return OpenAiChatModel.builder().baseUrl(baseUrl + "/v1").apiKey("bench").modelName(OPENAI_MODEL)
                .maxRetries(0).build();
    }
}
