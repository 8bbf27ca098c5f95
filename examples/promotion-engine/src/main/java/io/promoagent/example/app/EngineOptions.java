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
 * @param approvalTtl how long a proposal waits for a decision, on the real clock, before it expires
 * @param telemetry  where the agent's OpenTelemetry spans and metrics go; empty for nowhere (no cost)
 * @param openBrokenAudit whether to start on a data folder whose audit chain does not verify (it is refused
 *                   otherwise, naming the record that broke it)
 * @param layout     where the in-process demo keeps its entities (federated by default); a data folder keeps
 *                   the layout it was loaded with, and the user's own data model says its own sources
 * @param readLimits what one query may read before the person must confirm it, and the read price
 */
public record EngineOptions(long seed, int customers, LocalDate now, Optional<Path> dataModel, Optional<Path> data,
                            Optional<LanguageModel> llm, Duration queryCache, Optional<Path> dataDir, Duration approvalTtl,
                            Optional<TelemetryExport> telemetry, boolean openBrokenAudit,
                            DemoLayout layout, ReadLimits readLimits) {

    /** How long the demo's query cache keeps a result unless told otherwise. */
    public static final Duration DEFAULT_QUERY_CACHE = Duration.ofMinutes(5);
    /** How long a proposal waits for a decision unless told otherwise. */
    public static final Duration DEFAULT_APPROVAL_TTL = Duration.ofMinutes(15);

    public EngineOptions {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(dataModel, "dataModel");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(queryCache, "queryCache");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(readLimits, "readLimits");
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new IllegalArgumentException("an approval's time to live must be positive");
        }
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

    /** The demo data set, generated, in memory, federated, with the default query cache. */
    public static EngineOptions demo(long seed, int customers, LocalDate now) {
        return new EngineOptions(seed, customers, now, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_QUERY_CACHE, Optional.empty(), DEFAULT_APPROVAL_TTL, Optional.empty(), false, DemoLayout.FEDERATED,
                ReadLimits.DEFAULTS);
    }

    public EngineOptions withLanguageModel(LanguageModel model) {
        return new EngineOptions(seed, customers, now, dataModel, data, Optional.of(model), queryCache, dataDir, approvalTtl, telemetry, openBrokenAudit, layout, readLimits);
    }

    public EngineOptions withData(Path modelFile, Path folder) {
        return new EngineOptions(seed, customers, now, Optional.of(modelFile), Optional.of(folder), llm, queryCache, dataDir, approvalTtl, telemetry, openBrokenAudit, layout, readLimits);
    }

    /** These options with a query cache that serves results for {@code ttl}; {@link Duration#ZERO} turns it off. */
    public EngineOptions withQueryCache(Duration ttl) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, ttl, dataDir, approvalTtl, telemetry, openBrokenAudit, layout, readLimits);
    }

    /** These options with the data, approvals and audit chain kept in {@code folder} across restarts. */
    public EngineOptions withDataDir(Path folder) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, Optional.of(folder), approvalTtl, telemetry, openBrokenAudit, layout, readLimits);
    }

    /** These options with the agent's telemetry exported to {@code export}. */
    public EngineOptions withTelemetry(TelemetryExport export) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, approvalTtl,
                Optional.of(export), openBrokenAudit, layout, readLimits);
    }

    /** These options starting even on a data folder whose audit chain does not verify. */
    public EngineOptions withOpenBrokenAudit() {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, approvalTtl, telemetry,
                true, layout, readLimits);
    }

    /** These options with proposals that expire {@code ttl} after they were made. */
    public EngineOptions withApprovalTtl(Duration ttl) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, ttl, telemetry, openBrokenAudit, layout, readLimits);
    }

    /** These options with the demo's entities kept as {@code newLayout} says. */
    public EngineOptions withLayout(DemoLayout newLayout) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, approvalTtl, telemetry,
                openBrokenAudit, newLayout, readLimits);
    }

    /** These options with another "today". */
    public EngineOptions withNow(LocalDate today) {
        return new EngineOptions(seed, customers, today, dataModel, data, llm, queryCache, dataDir, approvalTtl, telemetry, openBrokenAudit, layout, readLimits);
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

    /** These options with another read budget and price. */
    public EngineOptions withReadLimits(ReadLimits limits) {
        return new EngineOptions(seed, customers, now, dataModel, data, llm, queryCache, dataDir, approvalTtl, telemetry,
                openBrokenAudit, layout, limits);
    }
}
