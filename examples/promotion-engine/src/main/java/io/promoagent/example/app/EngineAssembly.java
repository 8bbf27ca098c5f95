package io.promoagent.example.app;

import dev.langchain4j.model.chat.ChatModel;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.planner.HybridOrchestrator;
import io.promoagent.core.planner.OfflineOrchestrator;
import io.promoagent.core.planner.OfflinePlanner;
import io.promoagent.core.planner.ReferenceResolver;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.security.RolePolicy;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbRecordWriter;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.email.ConsentPolicy;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailSettings;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.InMemoryTransport;
import io.promoagent.email.Outbox;
import io.promoagent.email.SendEmailTool;
import io.promoagent.email.SendRate;
import io.promoagent.email.SuppressionList;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.promotions.PromotionTools;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Builds the promotion engine in the order a newcomer reads it: the data model, the data in DynamoDB, the
 * sources and query engine, the tools, audit and approvals, the orchestrator.
 */
final class EngineAssembly {

    static final String DEMO_MODEL = "/io/promoagent/example/promotion-model.yaml";

    private EngineAssembly() {
    }

    static PromotionEngine assemble(EngineOptions options) {
        return assemble(options, Optional.empty());
    }

    /**
     * The engine with {@code modelAlone} as its only orchestrator (no offline planner in front), so that
     * tests can drive the language-model path with a scripted model; empty for the usual choice.
     */
    static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone) {
        return assemble(options, modelAlone, Optional.empty());
    }

    /** The engine over deployed tables and stores ({@link DeployedStores}), or in-process when empty. */
    static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone, Optional<DeployedStores> deployed) {
        // "today" is the options' date at noon UTC, for the data and every relative time; a deployment's own clock
        Clock clock = deployed.map(DeployedStores::clock)
                .orElseGet(() -> Clock.fixed(options.now().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        byte[] signingKey = deployed.map(DeployedStores::signingKey).orElseGet(PromotionEngine::signingKey);

        // 1. The data model: the demo's, or the user's own
        DataModel model = options.dataModel().map(DataModelYaml::load)
                .orElseGet(() -> DataModelYaml.loadResource(EngineAssembly.class, DEMO_MODEL));

        // 2. The data: embedded DynamoDB Local, one table per entity, loaded from JSON-lines files (a
        //    deployment's tables already hold it)
        AmazonDynamoDBLocal local = deployed.isPresent() ? null : DynamoDBEmbedded.create(true);
        DynamoDbClient dynamo = deployed.map(DeployedStores::dynamo).orElseGet(() -> local.dynamoDbClient());
        if (local != null) {
            DynamoDbTables.create(dynamo, model);
        }
        Path data = local == null ? null : options.data().orElseGet(() -> demoData(options));
        for (Entity entity : local == null ? List.<Entity>of() : model.entities()) {
            Path file = data.resolve(entity.name() + ".jsonl");
            if (!Files.isRegularFile(file)) {
                local.shutdown();
                throw new AgentException("no data for entity '" + entity.name() + "': " + file + " is missing");
            }
            DynamoDbLoader.load(dynamo, entity, file);
        }

        // 3. Sources and the query engine
        List<DynamoDbDataSource> sources = new ArrayList<>();
        for (Source s : model.sources()) {
            sources.add(DynamoDbDataSource.builder(dynamo).id(s.id()).build());
        }
        QueryEngine engine = QueryEngine.builder(model).sources(sources).clock(clock).build();
        RecordWriter writer = new DynamoDbRecordWriter(dynamo, model);

        // 4. Tools: the query tool always; write tools only when the data model has what they need
        List<Tool> tools = new ArrayList<>();
        tools.add(QueryTool.of(engine));
        if (PromotionTools.supports(model)) {
            tools.addAll(PromotionTools.create(model, engine, writer, clock));
        }
        InMemoryTransport transport = new InMemoryTransport(clock);
        if (emailFits(model)) {
            Outbox outbox = new Outbox(new InMemoryOutboxStore(), transport, SendRate.unlimited());
            EmailSettings settings = new EmailSettings(EmailAddress.of("offers@shop.example.com", "Example Shop"),
                    "1 Market Street, Springfield", "https://shop.example.com/unsubscribe", signingKey,
                    Set.of(), 50_000);
            tools.add(new SendEmailTool(model, engine, ConsentPolicy.demo(SuppressionList.of()), settings, outbox));
        }
        ToolRegistry registry = ToolRegistry.builder().registerAll(tools).build();

        // 5. Audit chain and approvals: nothing is written or sent without an approver's approval
        AuditStore auditStore = deployed.<AuditStore>map(DeployedStores::audit).orElseGet(InMemoryAuditStore::new);
        ChainedAuditSink audit = new ChainedAuditSink(auditStore);
        ApprovalService.Builder approvalsBuilder = ApprovalService.builder(registry, signingKey).audit(audit).clock(clock);
        deployed.ifPresent(d -> approvalsBuilder.store(d.approvals()));
        ApprovalService approvals = approvalsBuilder.build();
        ProgressInterceptor progress = new ProgressInterceptor();
        ToolExecutor executor = ToolExecutor.builder(registry).policy(RolePolicy.defaults()).auditSink(audit)
                .approvalGate(approvals).interceptor(progress).build();

        // 6. The orchestrator: the offline planner, and a language model for what it is unsure of
        OfflinePlanner planner = OfflinePlanner.builder(model).tools(registry).resolver(ReferenceResolver.of(engine))
                .clock(clock).build();
        OfflineOrchestrator offline = OfflineOrchestrator.builder(planner, executor).clock(clock).build();
        Function<ChatModel, LlmOrchestrator> llm = chat -> {
            LlmOrchestrator.Builder b = LlmOrchestrator.builder().chatModel(chat).tools(executor).dataModel(model).clock(clock);
            deployed.ifPresent(d -> b.sessionStore(d.sessions()));
            return b.build();
        };
        Orchestrator orchestrator = modelAlone.<Orchestrator>map(llm)
                .or(() -> options.llm().map(spec -> HybridOrchestrator.builder(offline)
                        .model(llm.apply(ChatModels.of(spec))).build()))
                .orElse(offline);

        AutoCloseable resources = () -> {
            sources.forEach(DynamoDbDataSource::close);
            if (local != null) {
                local.shutdown();
            }
        };
        return new PromotionEngine(model, clock, planner, orchestrator, approvals, audit, auditStore, transport, progress, executor,
                registry, resources);
    }

    private static Path demoData(EngineOptions options) {
        try {
            Path dir = Files.createTempDirectory("promo-agent-demo");
            dir.toFile().deleteOnExit();
            DemoDataExporter.export(DemoDataGenerator.generate(options.seed(), options.customers(), options.now()), dir);
            dir.toFile().listFiles(f -> {
                f.deleteOnExit();
                return false;
            });
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo data", e);
        }
    }

    /** Whether the data model has customers with what the e-mail tool reads (address, consent, status). */
    private static boolean emailFits(DataModel model) {
        return model.entity("customers").map(c -> c.field("email").isPresent() && c.field("marketing_opt_in").isPresent()
                && c.field("email_status").isPresent() && c.field("name").isPresent()).orElse(false);
    }
}
