package io.promoagent.core.orchestrator;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Locale;

/**
 * Who serves a chat model, in the GenAI semantic conventions' words: {@code gen_ai.provider.name}
 * ({@code aws.bedrock}, {@code openai}, ...) and the default model it is asked for.
 */
record ModelIdentity(String provider, String model) {

    static ModelIdentity of(ChatModel chatModel) {
        String provider;
        try {
            provider = provider(chatModel.provider());
        } catch (RuntimeException e) {
            provider = "_OTHER";
        }
        String model = null;
        try {
            model = chatModel.defaultRequestParameters() == null ? null : chatModel.defaultRequestParameters().modelName();
        } catch (RuntimeException e) {
            // a model that cannot say leaves the attribute out
        }
        return new ModelIdentity(provider, model);
    }

    private static String provider(ModelProvider p) {
        if (p == null) {
            return "_OTHER";
        }
        return switch (p) {
            case AMAZON_BEDROCK -> "aws.bedrock";
            case OPEN_AI -> "openai";
            case AZURE_OPEN_AI -> "azure.ai.openai";
            case ANTHROPIC -> "anthropic";
            case GOOGLE_AI_GEMINI -> "gcp.gemini";
            case GOOGLE_VERTEX_AI_GEMINI, GOOGLE_VERTEX_AI_ANTHROPIC -> "gcp.vertex_ai";
            case MISTRAL_AI -> "mistral_ai";
            case WATSONX -> "ibm.watsonx.ai";
            case OTHER -> "_OTHER";
            default -> p.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The chat span's name: {@code chat {model}}, or {@code chat} when the model is not known. */
    String chatSpanName() {
        return model != null ? "chat " + model : "chat";
    }
}
