package io.promoagent.example.app;

import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.audit.AnchoredAuditStore;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.JsonLinesAuditStore.OnBrokenChain;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.approval.InMemoryApprovalStore;
import io.promoagent.core.change.InvalidatingRecordWriter;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.planner.orchestrator.HybridOrchestrator;
import io.promoagent.planner.orchestrator.OfflineOrchestrator;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.core.change.PerSourceRecordWriter;
import io.promoagent.email.ConsentPolicy;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailSettings;
import io.promoagent.email.EmailTransport;
import io.promoagent.email.InMemoryTransport;
import io.promoagent.email.Outbox;
import io.promoagent.email.SendEmailTool;
import io.promoagent.email.SendRate;
import io.promoagent.email.SuppressionList;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.store.JdbcRecordWriter;
import io.promoagent.promotions.PromotionSettings;
import io.promoagent.promotions.PromotionTools;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResultCache;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.CachingDataSource;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.ReadCache;
import io.promoagent.schema.source.WholeQuerySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Builds the promotion engine in the order a newcomer reads it: the data model, the data in DynamoDB (and
 * PostgreSQL, in the federated layout), the sources and query engine, the tools, audit and approvals, the
 * orchestrator.
 */
final class EngineAssembly {

    static final String DEMO_MODEL = "/io/promoagent/example/promotion-model.yaml";
    /**
     * The most rows a reply's table carries; the table says how many matched in all. A chat reply of more
     * rows than this is not read, and the largest (all lapsed customers) took a quarter of a megabyte and
     * the longest time to write and to render.
     */
    static final int TABLE_ROWS = 500;
    static final String APPROVALS_TABLE = "promo_agent_approvals";
    static final String AUDIT_TABLE = "promo_agent_audit";
    static final String SESSIONS_TABLE = "promo_agent_sessions";
    static final String TOKENS_TABLE = "promo_agent_write_tokens";
    static final String OUTBOX_TABLE = "promo_agent_outbox";
    /** The audit chain's anchor in a data folder: outside the database, so that a cut-off chain is caught. */
    static final String AUDIT_ANCHOR = "audit-anchor";

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
        return assemble(options, modelAlone, Clock.systemUTC());
    }

    /**
     * The engine over deployed tables and stores ({@link DeployedStores}) whose people and keys are
     * {@code users}; deployed, the data is live, so its "today" is the real one.
     */
    static PromotionEngine connect(EngineOptions options, DeployedStores stores, DemoUsers users) {
        // deployed: the data is live, so its "today" is the real one
        // deployed, instances share the stores: what is stuck is recovered by list() after a time-out, never
        // at start-up, when another instance may be applying it
        // deployed, every entity lives in the deployment's DynamoDB tables
        EngineOptions deployed = options.withLayout(DemoLayout.DYNAMODB);
        return assemble(deployed, dataModel(deployed), Optional.empty(), stores, stores.clock(), users, false,
                UnaryOperator.identity(), UnaryOperator.identity(), List.of(), () -> { });
    }

    /**
     * The engine whose approvals, expiry and audit run on {@code clock} (the system clock but in tests); the
     * in-process engine's data keeps its fixed "today" whatever the clock says, so the demo's answers are
     * reproducible.
     */
    static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone, Clock clock) {
        return assemble(options, modelAlone, clock, UnaryOperator.identity(), LoadProgress.none(), Seams.NONE);
    }

    /** The in-process engine as above, telling {@code progress} how the loading of the data goes. */
    static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone, Clock clock, LoadProgress progress) {
        return assemble(options, modelAlone, clock, UnaryOperator.identity(), progress, Seams.NONE);
    }

    /**
     * The in-process engine whose e-mails go through {@code transport} applied to the demo's in-memory
     * transport: tests put a transport in between that dies in the middle of a send, as a killed process does.
     */
    static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone, Clock clock,
                                    UnaryOperator<EmailTransport> transport) {
        return assemble(options, modelAlone, clock, transport, LoadProgress.none(), Seams.NONE);
    }

    /**
     * Where tests reach the data sources of the in-process engine, to take one away as an outage would.
     *
     * @param dynamoReads applied to the DynamoDB client the data sources read through (not the stores'):
     *                    a test puts a client in between that fails as a throttled table does
     * @param postgres    told of the embedded PostgreSQL once it started, so that a test can stop it
     */
    record Seams(UnaryOperator<DynamoDbClient> dynamoReads, Consumer<EmbeddedPostgresSources> postgres) {
        static final Seams NONE = new Seams(UnaryOperator.identity(), p -> { });
    }

    /** The in-process engine with the offline planner, its sources reached through {@code seams}. */
    static PromotionEngine assemble(EngineOptions options, Seams seams) {
        return assemble(options, Optional.empty(), Clock.systemUTC(), UnaryOperator.identity(), LoadProgress.none(), seams);
    }

    private static PromotionEngine assemble(EngineOptions options, Optional<ChatModel> modelAlone, Clock clock,
                                            UnaryOperator<EmailTransport> transport, LoadProgress progress, Seams seams) {
        // In process: embedded DynamoDB Local, in memory or in a data folder, loaded with the data; and an
        // embedded PostgreSQL beside it for the entities the layout keeps there
        DataDirectory folder = options.dataDir().map(DataDirectory::open).orElse(null);
        AmazonDynamoDBLocal local = null;
        EmbeddedPostgresSources postgres = null;
        try {
            local = folder == null ? DynamoDBEmbedded.create(true) : DynamoDBEmbedded.create(folder.database().toFile(), true);
            EngineOptions effective = folder == null ? options : reuseLoaded(options, folder);
            // 1. The data model: the demo's in its layout, or the user's own; the data in one table per entity
            DataModel model = dataModel(effective);
            DynamoDbClient dynamo = local.dynamoDbClient();
            boolean fresh = folder == null || folder.loaded().isEmpty();
            Optional<Path> data = fresh ? Optional.of(data(effective, progress)) : Optional.empty();
            data.ifPresent(d -> load(model, dynamo, d, progress));
            if (EmbeddedPostgresSources.wanted(model)) {
                progress.step("starting the embedded PostgreSQL");
                postgres = EmbeddedPostgresSources.serve(model, Optional.ofNullable(folder).map(DataDirectory::postgres),
                        data, progress);
                seams.postgres().accept(postgres);
            }
            progress.done();
            DeployedStores stores = folder == null ? inMemoryStores(dynamo, clock) : keptStores(dynamo, folder, options, clock);
            DemoUsers users = folder == null ? DemoUsers.random() : folder.demoUsers();
            if (folder != null && fresh) {
                folder.markLoaded(new DataDirectory.Loaded(effective.seed(), effective.customers(), effective.now(),
                        effective.data().map(Path::toString).orElse("demo"), effective.layout()));
            }
            AmazonDynamoDBLocal database = local;
            EmbeddedPostgresSources sql = postgres;
            // the data folder is locked to this process: whatever its last process left sending, approved or
            // applying was cut short, and is recovered at start-up
            return assemble(effective, model, modelAlone, stores, dataClock(effective), users, folder != null, transport,
                    seams.dynamoReads(), sql == null ? List.of() : sql.jdbcSources(), () -> {
                        if (sql != null) {
                            sql.close();
                        }
                        database.shutdown();
                        if (folder != null) {
                            folder.close();
                        }
                    });
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            if (local != null) {
                local.shutdown();
            }
            if (folder != null) {
                folder.close();
            }
            throw e;
        }
    }

    /** The engine over the data model {@code model}, whose data and state {@code stores} hold. */
    private static PromotionEngine assemble(EngineOptions options, DataModel model, Optional<ChatModel> modelAlone,
                                            DeployedStores stores, Clock clock, DemoUsers users,
                                            boolean recoverAtStart, UnaryOperator<EmailTransport> transports,
                                            UnaryOperator<DynamoDbClient> dynamoReads, List<JdbcDataSource> postgres,
                                            AutoCloseable database) {
        // two clocks: the data's "today" (clock) for queries, the planner and the tools' defaults; the real
        // time (stores.clock()) for approvals, their expiry and the audit records' times
        Clock realClock = stores.clock();
        byte[] signingKey = stores.signingKey();
        // the library's spans and metrics go to the SDK --otel chose, or nowhere
        OpenTelemetry telemetry = DemoTelemetry.open(options.telemetry());

        // 2. Sources and the query engine, with caches of source reads and of answers that every write
        //    through the writer clears
        DynamoDbClient dynamo = stores.dynamo();
        List<DynamoDbDataSource> dynamoSources = new ArrayList<>();
        for (Source s : model.sources()) {
            if (!s.kind().equals(EmbeddedPostgresSources.JDBC)) {
                dynamoSources.add(DynamoDbDataSource.builder(dynamoReads.apply(dynamo)).id(s.id()).build());
            }
        }
        List<DataSource> sources = new ArrayList<>(dynamoSources);
        sources.addAll(postgres);
        List<ReadCache> caches = new ArrayList<>();
        QueryEngine.Builder engineBuilder = QueryEngine.builder(model).clock(clock);
        for (DataSource source : sources) {
            // a source that runs a whole query in one statement (PostgreSQL) is registered as it is: a read cache
            // in front of it would hide that from the engine, which would then read it entity by entity and
            // never aggregate there before crossing; the answer cache below still serves its repeated questions
            if (options.queryCache().isZero() || source instanceof WholeQuerySource) {
                engineBuilder.source(source);
            } else {
                CachingDataSource cache = CachingDataSource.wrap(source).ttl(options.queryCache()).build();
                caches.add(cache);
                engineBuilder.source(cache);
            }
        }
        if (!options.queryCache().isZero()) {
            QueryResultCache answers = QueryResultCache.builder().ttl(options.queryCache()).build();
            caches.add(answers);
            engineBuilder.resultCache(answers);
        }
        QueryEngine engine = engineBuilder.build();
        // writes stay per source: each source's records through its own writer, never two sources in one write
        RecordWriter dynamoWriter = stores.tokenTable().map(t -> new DynamoDbRecordWriter(dynamo, model, t))
                .orElseGet(() -> new DynamoDbRecordWriter(dynamo, model));
        PerSourceRecordWriter.Builder writers = PerSourceRecordWriter.builder(model);
        dynamoSources.forEach(s -> writers.source(s.id(), dynamoWriter));
        postgres.forEach(s -> writers.source(s.id(), JdbcRecordWriter.of(s)));
        RecordWriter writer = new InvalidatingRecordWriter(writers.build(), caches);

        // 3. Tools: the query tool always, with a guard that holds a read over budget until the person
        //    confirms it (audited in the same chain as everything else); write tools only when the data model
        //    has what they need
        ChainedAuditSink audit = new ChainedAuditSink(stores.audit());
        ReadGuard readGuard = ReadGuard.builder().budget(options.readLimits().budget())
                .pricing(options.readLimits().pricing()).audit(audit).clock(realClock)
                .sessions(stores.sessions()).build();
        List<Tool> tools = new ArrayList<>();
        tools.add(QueryTool.builder(engine).tableRows(TABLE_ROWS).guard(readGuard).build());
        if (PromotionTools.supports(model)) {
            tools.addAll(PromotionTools.create(model, engine, writer, clock, PromotionSettings.defaults(), readGuard));
        }
        InMemoryTransport transport = new InMemoryTransport(realClock);
        Outbox outbox = new Outbox(stores.outbox(), transports.apply(transport), SendRate.unlimited());
        if (emailFits(model)) {
            EmailSettings settings = new EmailSettings(EmailAddress.of("offers@shop.example.com", "Example Shop"),
                    "1 Market Street, Springfield", "https://shop.example.com/unsubscribe", signingKey,
                    Set.of(), 50_000);
            tools.add(new SendEmailTool(model, engine, ConsentPolicy.demo(SuppressionList.of()), settings, outbox));
        }
        // seasonality and customer_lifecycle are offered to the offline planner only (below): every tool offered to a
        // language model lengthens each request it is sent (docs/intelligence.md); the model reaches stages through the rules
        ToolRegistry registry = ToolRegistry.builder().registerAll(tools)
                .registerAll(PromotionTools.supports(model) ? PromotionTools.insightTools(model, engine, readGuard) : List.of())
                .build();

        // 4. Approvals, in the audit chain: nothing is written or sent without an approver's approval
        // approval requests (e-mail, webhook) are switched on once the server knows its address
        ForwardingNotifier notifier = new ForwardingNotifier();
        // with the data model, a change set that writes two sources is refused when proposed (writes stay per source)
        ApprovalService approvals = ApprovalService.builder(registry, signingKey).audit(audit).clock(realClock).dataModel(model)
                .expiry(options.approvalTtl()).store(stores.approvals()).openTelemetry(telemetry).notifier(notifier).build();
        if (recoverAtStart) {
            // messages caught sending may have left: they are marked uncertain, never sent again
            outbox.recoverAfterRestart();
            approvals.recover(Duration.ZERO);
        }
        ProgressInterceptor progress = new ProgressInterceptor();
        ToolExecutor executor = ToolExecutor.builder(registry).policy(RolePolicy.defaults()).auditSink(audit)
                .approvalGate(approvals).interceptor(progress).openTelemetry(telemetry).build();

        // 5. The orchestrator: the offline planner, and a language model for what it is unsure of
        // its look-ups (who "John" is) are query tool calls as the requester: role policy and audit apply
        OfflinePlanner planner = OfflinePlanner.builder(model).tools(registry)
                .resolver(ReferenceResolver.of(executor, QueryTool.NAME))
                .clock(clock).build();
        // the offline orchestrator's clock only stamps the tools' context, hence their audit records: real time.
        // The language model's stays the data's: it tells the model what "today" is (its audit times with it)
        // "predict how ..." runs create_promotion's dry run; a what-if finds the last proposal in the sessions
        OfflineOrchestrator offline = OfflineOrchestrator.builder(planner, executor).clock(realClock)
                .sessionStore(stores.sessions()).dryRun(PromotionTools.CREATE, PromotionTools.PREDICT).build();
        // the dry run and the insight reports are the planner's: offered to the model, their schemas would lengthen
        // every request
        Function<ChatModel, LlmOrchestrator> llm = chat -> LlmOrchestrator.builder().chatModel(chat).tools(executor)
                .withoutTools(PromotionTools.PREDICT, PromotionTools.SEASONALITY, PromotionTools.LIFECYCLE)
                .dataModel(model).clock(clock).sessionStore(stores.sessions()).openTelemetry(telemetry).build();
        Orchestrator orchestrator = modelAlone.<Orchestrator>map(llm)
                .or(() -> options.llm().map(spec -> HybridOrchestrator.builder(offline)
                        .model(llm.apply(ChatModels.of(spec))).build()))
                .orElse(offline);

        AutoCloseable resources = () -> {
            dynamoSources.forEach(DynamoDbDataSource::close);
            database.close();
            DemoTelemetry.close(telemetry);
        };
        return new PromotionEngine(model, clock, realClock, users, planner, orchestrator, approvals, audit, stores.audit(), transport, progress,
                executor, registry, resources, engine, notifier);
    }

    /** The user's data model, or the demo's with its entities where the layout keeps them. */
    static DataModel dataModel(EngineOptions options) {
        return options.dataModel().map(DataModelYaml::load)
                .orElseGet(() -> options.layout().model(DataModelYaml.loadResource(EngineAssembly.class, DEMO_MODEL)));
    }

    /** The folder of JSON-lines files to load: the user's, or the demo data generated now. */
    private static Path data(EngineOptions options, LoadProgress progress) {
        return options.data().orElseGet(() -> {
            progress.step(String.format(java.util.Locale.ROOT, "generating the demo data for %,d customers", options.customers()));
            return demoData(options);
        });
    }

    /** One DynamoDB table per entity of the model's DynamoDB sources, loaded from {@code data}. */
    private static void load(DataModel model, DynamoDbClient dynamo, Path data, LoadProgress progress) {
        List<Entity> inDynamo = model.entities().stream().filter(e -> model.source(e.source())
                .map(s -> !s.kind().equals(EmbeddedPostgresSources.JDBC)).orElse(true)).toList();
        // a load that was interrupted in a data folder left tables behind: start it over
        Set<String> existing = new HashSet<>();
        dynamo.listTablesPaginator().tableNames().forEach(existing::add);
        for (Entity entity : inDynamo) {
            if (existing.contains(entity.table())) {
                dynamo.deleteTable(b -> b.tableName(entity.table()));
            }
        }
        DynamoDbTables.create(dynamo, model);
        for (Entity entity : inDynamo) {
            Path file = data.resolve(entity.name() + ".jsonl");
            if (!Files.isRegularFile(file)) {
                throw new AgentException("no data for entity '" + entity.name() + "': " + file + " is missing");
            }
            long total = lines(file);
            String what = "loading " + entity.name();
            progress.count(what, 0, total);
            DynamoDbLoader.load(dynamo, entity, file, done -> progress.count(what, done, total));
        }
    }

    /** The records in a JSON-lines file, counted before loading it so that its progress has a total. */
    private static long lines(Path file) {
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A data folder serves the data set it was loaded with, in the layout it was loaded in, with that data's "today". */
    private static EngineOptions reuseLoaded(EngineOptions options, DataDirectory folder) {
        return folder.loaded().map(l -> options.withNow(l.now()).withLayout(l.layout())).orElse(options);
    }

    /** Approvals and the audit chain in memory, for a process that keeps nothing. */
    private static DeployedStores inMemoryStores(DynamoDbClient dynamo, Clock clock) {
        return new DeployedStores(dynamo, new InMemoryApprovalStore(), new InMemoryAuditStore(),
                new InMemorySessionStore(), PromotionEngine.signingKey(), clock);
    }

    /**
     * Approvals, the audit chain, conversations, the writes' tokens and the outbox in the data folder's
     * database, beside the data, so that an apply or a send cut short by a crash is finished exactly once.
     */
    private static DeployedStores keptStores(DynamoDbClient dynamo, DataDirectory folder, EngineOptions options, Clock clock) {
        DynamoDbApprovalStore.createTable(dynamo, APPROVALS_TABLE);
        DynamoDbAuditStore.createTable(dynamo, AUDIT_TABLE);
        DynamoDbSessionStore.createTable(dynamo, SESSIONS_TABLE);
        AuditStore audit = AnchoredAuditStore.open(new DynamoDbAuditStore(dynamo, AUDIT_TABLE),
                folder.folder().resolve(AUDIT_ANCHOR), options.openBrokenAudit() ? OnBrokenChain.OPEN : OnBrokenChain.REFUSE);
        DynamoDbRecordWriter.createTokenTable(dynamo, TOKENS_TABLE);
        DynamoDbOutboxStore.createTable(dynamo, OUTBOX_TABLE);
        return new DeployedStores(dynamo, new DynamoDbApprovalStore(dynamo, APPROVALS_TABLE), audit, new DynamoDbSessionStore(dynamo, SESSIONS_TABLE, Duration.ofDays(7)),
                folder.signingKey(), clock, Optional.of(TOKENS_TABLE), new DynamoDbOutboxStore(dynamo, OUTBOX_TABLE));
    }

    /** The data's "today": the options' date at noon UTC, for queries and every relative time in them. */
    private static Clock dataClock(EngineOptions options) {
        return Clock.fixed(options.now().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
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
