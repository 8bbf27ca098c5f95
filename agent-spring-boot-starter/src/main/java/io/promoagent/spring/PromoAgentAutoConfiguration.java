package io.promoagent.spring;

import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.core.approval.InMemoryApprovalStore;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.planner.orchestrator.HybridOrchestrator;
import io.promoagent.planner.orchestrator.OfflineOrchestrator;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.policy.ToolPolicy;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.SessionStore;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolEnvironment;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.DataSource;
import io.promoagent.spring.internal.SigningKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The agent over the data model bean, in the order a request meets it: sources and the query engine, the
 * tools, audit and approvals, the tool executor, the orchestrator. Every bean gives way to one of its type
 * that the application defines. A {@link Clock} bean, when there is exactly one, is the agent's "now"; an
 * {@link OpenTelemetry} bean, when there is exactly one, receives the agent's spans and metrics (none are made
 * otherwise).
 */
@AutoConfiguration(after = PromoAgentDataModelAutoConfiguration.class)
@ConditionalOnBean(DataModel.class)
@EnableConfigurationProperties(PromoAgentProperties.class)
public class PromoAgentAutoConfiguration {

    // ---- sources and the query engine

    @Bean
    @ConditionalOnMissingBean
    public PromoAgentSources promoAgentSources(DataModel model, ObjectProvider<DataSource> dataSources,
                                               ObjectProvider<SourceFactory> factories) {
        List<DataSource> given = dataSources.orderedStream().toList();
        List<SourceFactory> makers = factories.orderedStream().toList();
        List<DataSource> sources = new ArrayList<>();
        try {
            for (Source source : model.sources()) {
                sources.add(given.stream().filter(d -> d.id().equals(source.id())).findFirst()
                        .or(() -> make(source, model, makers))
                        .orElseThrow(() -> new PromoAgentConfigurationException("no data source for the data model's source '"
                                + source.id() + "' of kind '" + source.kind() + "': " + hint(source))));
            }
        } catch (RuntimeException e) {
            closeQuietly(new PromoAgentSources(sources), e);
            throw e;
        }
        return new PromoAgentSources(sources);
    }

    @Bean
    @ConditionalOnMissingBean
    public QueryEngine promoAgentQueryEngine(DataModel model, PromoAgentSources sources, ObjectProvider<Clock> clock) {
        return QueryEngine.builder(model).sources(sources.list()).clock(clock(clock)).build();
    }

    // ---- tools

    @Bean
    @ConditionalOnMissingBean
    public ToolRegistry promoAgentToolRegistry(DataModel model, QueryEngine engine, ObjectProvider<RecordWriter> writer,
                                               ObjectProvider<Tool> tools, ObjectProvider<ToolEnvironmentCustomizer> customizers,
                                               ObjectProvider<Clock> clock, ReadGuard readGuard,
                                               PromoAgentProperties properties) {
        ToolRegistry.Builder registry = ToolRegistry.builder();
        if (properties.getTools().isDiscover()) {
            ToolEnvironment.Builder environment = ToolEnvironment.builder().dataModel(model).clock(clock(clock))
                    .service(QueryEngine.class, engine).service(ReadGuard.class, readGuard);
            writer.ifUnique(w -> environment.service(RecordWriter.class, w));
            customizers.orderedStream().forEach(c -> c.customize(environment));
            registry.discover(environment.build(), PromoAgentAutoConfiguration.class.getClassLoader());
        }
        return registry.registerAll(tools.orderedStream().toList()).build();
    }

    /**
     * The query tool's guard: a read over the budget waits for the person's confirmation, audited; held reads
     * are kept with the conversations, so any instance sharing the session store can confirm them.
     */
    @Bean
    @ConditionalOnMissingBean
    public ReadGuard promoAgentReadGuard(AuditSink audit, ObjectProvider<Clock> clock, PromoAgentProperties properties,
                                         SessionStore sessions) {
        PromoAgentProperties.Reads reads = properties.getReads();
        return ReadGuard.builder()
                .budget(new ReadBudget(reads.getBudgetReadUnits(), reads.getBudgetRows(), reads.getLargeTableItems()))
                .pricing(ReadPricing.defaults().withPricePerMillion(reads.getPricePerMillionReadUnits()))
                .expiry(reads.getConfirmationExpiry()).audit(audit).clock(clock(clock)).sessions(sessions).build();
    }

    // ---- audit and approvals: nothing is written or sent without an approver's approval

    @Bean
    @ConditionalOnMissingBean
    public ApprovalStore promoAgentApprovalStore(PromoAgentProperties properties) {
        requireMemory(properties);
        return new InMemoryApprovalStore();
    }

    @Bean
    @ConditionalOnMissingBean
    public AuditStore promoAgentAuditStore(PromoAgentProperties properties) {
        requireMemory(properties);
        return new InMemoryAuditStore();
    }

    @Bean
    @ConditionalOnMissingBean
    public SessionStore promoAgentSessionStore(PromoAgentProperties properties) {
        requireMemory(properties);
        return new InMemorySessionStore();
    }

    @Bean
    @ConditionalOnMissingBean
    public AuditSink promoAgentAuditSink(AuditStore store) {
        return new ChainedAuditSink(store);
    }

    @Bean
    @ConditionalOnMissingBean
    public ApprovalService promoAgentApprovalService(ToolRegistry tools, ApprovalStore store, AuditSink audit,
                                                     ObjectProvider<Clock> clock, ObjectProvider<OpenTelemetry> telemetry,
                                                     PromoAgentProperties properties) {
        return ApprovalService.builder(tools, SigningKeys.resolve(properties.getApprovals())).store(store).audit(audit)
                .clock(clock(clock)).openTelemetry(telemetry(telemetry)).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public ToolPolicy promoAgentToolPolicy() {
        return RolePolicy.defaults();
    }

    @Bean
    @ConditionalOnMissingBean
    public ToolExecutor promoAgentToolExecutor(ToolRegistry tools, ToolPolicy policy, AuditSink audit,
                                               ApprovalService approvals, ObjectProvider<OpenTelemetry> telemetry) {
        return ToolExecutor.builder(tools).policy(policy).auditSink(audit).approvalGate(approvals)
                .openTelemetry(telemetry(telemetry)).build();
    }

    // ---- the orchestrator: the offline planner, and the application's chat model when it has one

    @Bean
    @ConditionalOnMissingBean
    public Orchestrator promoAgentOrchestrator(DataModel model, ToolExecutor executor,
                                               SessionStore sessions, ObjectProvider<ChatModel> chatModel,
                                               ObjectProvider<Clock> clock, ObjectProvider<OpenTelemetry> telemetry,
                                               PromoAgentProperties properties) {
        Clock now = clock(clock);
        // the planner's look-ups (who "John" is) are query tool calls as the requester: policy and audit apply
        OfflinePlanner planner = OfflinePlanner.builder(model).tools(executor.registry())
                .resolver(ReferenceResolver.of(executor, QueryTool.NAME)).clock(now).build();
        OfflineOrchestrator offline = OfflineOrchestrator.builder(planner, executor).clock(now).sessionStore(sessions).build();
        ChatModel chat = chatModel.getIfUnique();
        if (chat == null) {
            return offline;
        }
        LlmOrchestrator llm = LlmOrchestrator.builder().chatModel(chat).tools(executor).dataModel(model).clock(now)
                .sessionStore(sessions).openTelemetry(telemetry(telemetry)).build();
        return properties.getOrchestrator().isHybrid() ? HybridOrchestrator.builder(offline).model(llm).build() : llm;
    }

    private static Optional<DataSource> make(Source source, DataModel model, List<SourceFactory> factories) {
        for (SourceFactory f : factories) {
            Optional<DataSource> made = f.create(source, model);
            if (made.isPresent()) {
                return made;
            }
        }
        return Optional.empty();
    }

    private static String hint(Source source) {
        return "dynamodb".equals(source.kind())
                ? "define a software.amazon.awssdk.services.dynamodb.DynamoDbClient bean (and depend on agent-tools-dynamodb)"
                : "define a io.promoagent.spring.SourceFactory bean for this kind, or a DataSource bean with this id";
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }

    /** The application's OpenTelemetry, or the no-op one: telemetry off, at no cost. */
    private static OpenTelemetry telemetry(ObjectProvider<OpenTelemetry> telemetry) {
        return telemetry.getIfUnique(OpenTelemetry::noop);
    }

    /** The DynamoDB stores replace these when configured; without their client they could not be made. */
    private static void requireMemory(PromoAgentProperties properties) {
        if (properties.getStores().getKind() != PromoAgentProperties.StoreKind.MEMORY) {
            throw new PromoAgentConfigurationException("promo-agent.stores.kind=" + properties.getStores().getKind().name()
                    .toLowerCase(java.util.Locale.ROOT) + " needs a DynamoDbClient bean and agent-tools-dynamodb on the class path");
        }
    }

    private static void closeQuietly(PromoAgentSources sources, RuntimeException cause) {
        try {
            sources.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
