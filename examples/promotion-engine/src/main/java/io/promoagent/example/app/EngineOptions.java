package io.promoagent.example.app;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param queryCache how long the query cache serves a result; zero for no cache. The in-process engine owns
 *                   its DynamoDB Local, so every write reaches the cache at once and this only bounds memory
 * @param dataDir    a folder that keeps the database, the approvals and the audit chain across restarts;
 *                   empty to keep everything in memory
 * @param openBrokenAudit whether to start on a data folder whose audit chain does not verify (it is refused
 *                   otherwise, naming the record that broke it)
 */
public record EngineOptions(long seed, int customers, LocalDate now, Optional<Path> dataModel, Optional<Path> data,
                            Optional<LanguageModel> llm, Duration queryCache, Optional<Path> dataDir,
                            boolean openBrokenAudit) {

    /** How long the demo's query cache keeps a result unless told otherwise. */
    public static final Duration DEFAULT_QUERY_CACHE = Duration.ofMinutes(5);

    public EngineOptions {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(dataModel, "dataModel");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(queryCache, "queryCache");
        Objects.requireNonNull(dataDir, "dataDir");
        if (queryCache.isNegative()) {
            throw new IllegalArgumentException("the query cache's time to live cannot be negative");
        }
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1");
        }
        if (dataModel.isPresent() != data.isPresent()) {
            throw new IllegalArgumentException("--data-model and --data go together");
        }
    }

    /** The demo data set, generated, in memory, with the default query cache. */
    public static EngineOptions demo(long seed, int customers, LocalDate now) {
        return new EngineOptions(seed, customers, now, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_QUERY_CACHE, Optional.empty(), false);
    }

    public EngineOptions withLanguageModel(LanguageModel model) {
        return new EngineOptions(seed, customers, now, dataModel, data, Optional.of(model), queryCache, dataDir, openBrokenAudit);
    }

    public EngineOptions withData(Path modelFile, Path folder) {
        return new EngineOptions(seed, customers, now, Optional.of(modelFile), Optional.of(folder), llm, queryCache, dataDir, openBrokenAudit);
    }

    /** These options with a query cache that serves results for {@code ttl}; {@link Duration#ZERO} turns it off. */
    public EngineOptions withQueryCache(Duration ttl) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, ttl, dataDir, openBrokenAudit);
    }

    /** These options with the data, approvals and audit chain kept in {@code folder} across restarts. */
    public EngineOptions withDataDir(Path folder) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, Optional.of(folder), openBrokenAudit);
    }

    /** These options, starting even on a data folder whose audit chain does not verify. */
    public EngineOptions withOpenBrokenAudit() {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, true);
    }

    /** These options with another "today". */
    public EngineOptions withNow(LocalDate today) {
        return new EngineOptions(seed, customers, today, dataModel, data, llm, queryCache, dataDir, openBrokenAudit);
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
