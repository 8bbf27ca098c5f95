package io.promoagent.example.app;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/** Builds the application's chosen LangChain4j chat model: Bedrock by default, or an OpenAI-compatible server. */
final class ChatModels {

    private ChatModels() {
    }

    static ChatModel of(EngineOptions.LanguageModel spec) {
        String id = spec.spec().substring(spec.spec().indexOf(':') + 1);
        if (spec.spec().startsWith("bedrock:")) {
            // credentials and region come from the default AWS provider chain
            return BedrockChatModel.builder().modelId(id).timeout(Duration.ofSeconds(60)).build();
        }
        return OpenAiChatModel.builder()
                .baseUrl(spec.baseUrl().orElse("http://localhost:11434/v1"))
                .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "none"))
                .modelName(id)
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
