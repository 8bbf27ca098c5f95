package io.promoagent.example.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the promotion engine: which data, which model, which language model.
 *
 * @param seed       seed of the generated demo data
 * @param customers  number of demo customers
 * @param now        the date that "today" means for the data and every relative time
 * @param dataModel  a data model file to use instead of the demo model, with {@code data}
 * @param data       a folder with one JSON-lines file per entity of {@code dataModel}
 * @param llm        a language model for the hybrid orchestrator; empty for the offline planner alone
 */
public record EngineOptions(long seed, int customers, LocalDate now, Optional<Path> dataModel, Optional<Path> data,
                            Optional<LanguageModel> llm) {

    public EngineOptions {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(dataModel, "dataModel");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(llm, "llm");
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1");
        }
        if (dataModel.isPresent() != data.isPresent()) {
            throw new IllegalArgumentException("--data-model and --data go together");
        }
    }

    /** The demo data set, generated. */
    public static EngineOptions demo(long seed, int customers, LocalDate now) {
        return new EngineOptions(seed, customers, now, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public EngineOptions withLanguageModel(LanguageModel model) {
        return new EngineOptions(seed, customers, now, dataModel, data, Optional.of(model));
    }

    public EngineOptions withData(Path modelFile, Path folder) {
        return new EngineOptions(seed, customers, now, Optional.of(modelFile), Optional.of(folder), llm);
    }

    /**
     * A language model to ask when the offline planner is unsure.
     *
     * @param spec    {@code bedrock:MODEL_ID} or {@code openai:MODEL}
     * @param baseUrl the server of an OpenAI-compatible model (Ollama, vLLM, LM Studio)
     */
    public record LanguageModel(String spec, Optional<String> baseUrl) {
        public LanguageModel {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!spec.startsWith("bedrock:") && !spec.startsWith("openai:")) {
                throw new IllegalArgumentException("a model is bedrock:MODEL_ID or openai:MODEL, not " + spec);
            }
        }
    }
}
