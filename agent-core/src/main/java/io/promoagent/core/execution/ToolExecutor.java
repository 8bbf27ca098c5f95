package io.promoagent.core.execution;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.approval.ApprovalGate;
import io.promoagent.core.approval.RefuseAllApprovalGate;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.internal.telemetry.AgentTelemetry;
import io.promoagent.core.policy.ToolPolicy;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.validate.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls through the chain of interceptors, the one place where the order of the cross-cutting
 * concerns is decided:
 *
 * <ol>
 *   <li>telemetry: the {@code execute_tool} span and the tool duration metric (no-ops unless an
 *       OpenTelemetry instance is given);</li>
 *   <li>timing: stamps the elapsed time on the result;</li>
 *   <li>audit: records every call and outcome, refused ones included, and fails closed;</li>
 *   <li>policy: the principal may use the tool;</li>
 *   <li>arguments: the top level of the parameter schema holds;</li>
 *   <li>the application's own interceptors, in the order added;</li>
 *   <li>approval gate: a write or send tool proposes and its change set is submitted; nothing is written;</li>
 *   <li>the read tool itself.</li>
 * </ol>
 *
 * <p>Read calls requested together ({@link #executeAll}) run concurrently on a bounded pool; write and send
 * calls are proposed one after another in the caller's thread. Results come back in the order of the
 * calls. Nothing a tool throws escapes: it becomes an error result.
 */
public final class ToolExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);

    private final ToolRegistry registry;
    private final List<ToolInterceptor> links;
    private final AuditSink auditSink;
    private final ExecutorService pool;
    private final boolean ownsPool;
    private final Duration timeout;

    private ToolExecutor(Builder b) {
        this.registry = b.registry;
        this.auditSink = b.auditSink;
        List<ToolInterceptor> chain = new ArrayList<>();
        chain.add(new TelemetryInterceptor(AgentTelemetry.of(b.openTelemetry)));
        chain.add(new TimingInterceptor());
        chain.add(new AuditInterceptor(b.auditSink));
        chain.add(new PolicyInterceptor(b.policy));
        chain.add(new ArgumentInterceptor());
        chain.addAll(b.interceptors);
        chain.add(new ApprovalInterceptor(b.approvalGate));
        chain.add(ToolExecutor::invokeReadTool);
        this.links = List.copyOf(chain);
        this.ownsPool = b.pool == null;
        this.pool = b.pool != null ? b.pool : newPool(b.concurrency);
        this.timeout = b.timeout;
    }

    public static Builder builder(ToolRegistry registry) {
        return new Builder(registry);
    }

    public ToolRegistry registry() {
        return registry;
    }

    /** Runs one call; a read runs on the pool so that its timeout holds. */
    public ToolResult execute(ToolCall call, ToolContext context) {
        return executeAll(List.of(call), context).get(0);
    }

    /**
     * Runs calls requested together: reads concurrently, writes and sends one after another; the results
     * in the order of the calls.
     */
    public List<ToolResult> executeAll(List<ToolCall> calls, ToolContext context) {
        Objects.requireNonNull(context, "context");
        ToolResult[] results = new ToolResult[calls.size()];
        List<Future<ToolResult>> futures = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Optional<Tool> tool = registry.find(call.tool());
            if (tool.isPresent() && tool.get() instanceof ReadTool) {
                // the current span (the agent's) stays the parent of the call's span on the pool's thread
                futures.add(pool.submit(Context.current().wrap(() -> run(tool.get(), call, context))));
                positions.add(i);
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Optional<Tool> tool = registry.find(call.tool());
            if (tool.isEmpty()) {
                results[i] = unknownTool(call, context);
            } else if (tool.get() instanceof WriteTool) {
                results[i] = run(tool.get(), call, context);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int k = 0; k < futures.size(); k++) {
            results[positions.get(k)] = await(futures.get(k), calls.get(positions.get(k)), deadline);
        }
        return List.of(results);
    }

    private ToolResult run(Tool tool, ToolCall call, ToolContext context) {
        try {
            return new RealChain(links, 0, tool, call, context).proceed(call);
        } catch (RuntimeException e) {
            // an interceptor failed: the call did not complete, and nothing was written
            LOG.warn("the chain failed for tool call {} ({})", call.id(), call.tool(), e);
            return ToolResult.failed(AgentErrorCode.INTERNAL_ERROR, "the call to '" + call.tool() + "' could not be completed");
        }
    }

    private static ToolResult invokeReadTool(ToolInterceptor.Chain chain) {
        if (!(chain.tool() instanceof ReadTool reader)) {
            // only reachable if an interceptor bypassed the approval link: refuse rather than run
            return ToolResult.failed(AgentErrorCode.INTERNAL_ERROR, "a write tool reached the end of the chain");
        }
        try {
            ToolResult result = reader.execute(chain.call(), chain.context());
            if (result == null) {
                return ToolResult.failed(AgentErrorCode.TOOL_FAILED, "tool '" + chain.call().tool() + "' returned nothing");
            }
            if (result.proposal().isPresent()) {
                return ToolResult.failed(AgentErrorCode.TOOL_FAILED, "a read tool cannot answer with a proposal");
            }
            return result;
        } catch (RuntimeException e) {
            return Failures.toResult(chain.call().tool(), e);
        }
    }

    private ToolResult unknownTool(ToolCall call, ToolContext context) {
        ToolResult result = ToolResult.failed(ToolError.of(AgentErrorCode.UNKNOWN_TOOL,
                "there is no tool '" + call.tool() + "'", Suggestions.rank(call.tool(), registry.names())));
        try {
            auditSink.record(ToolCallEvents.of(call, context, Optional.empty(), result));
            return result;
        } catch (RuntimeException e) {
            LOG.error("audit record for unknown tool call {} could not be written", call.id(), e);
            return ToolResult.failed(AgentErrorCode.AUDIT_UNAVAILABLE,
                    "the audit record could not be written, so the call's result is withheld");
        }
    }

    private ToolResult await(Future<ToolResult> future, ToolCall call, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ToolResult.failed(AgentErrorCode.TOOL_TIMEOUT, "tool '" + call.tool() + "' did not finish within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return ToolResult.failed(AgentErrorCode.TOOL_TIMEOUT, "interrupted while waiting for tool '" + call.tool() + "'");
        } catch (ExecutionException | CancellationException e) {
            LOG.warn("tool call {} ({}) failed", call.id(), call.tool(), e);
            return ToolResult.failed(AgentErrorCode.INTERNAL_ERROR, "the call to '" + call.tool() + "' could not be completed");
        }
    }

    /** Stops the pool this executor made; a pool given to the builder is left to its owner. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.shutdownNow();
        }
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "promo-agent-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Builds a {@link ToolExecutor}. */
    public static final class Builder {
        private final ToolRegistry registry;
        private ToolPolicy policy = ToolPolicy.allowAll();
        private AuditSink auditSink = AuditSink.none();
        private ApprovalGate approvalGate = new RefuseAllApprovalGate();
        private final List<ToolInterceptor> interceptors = new ArrayList<>();
        private int concurrency = 4;
        private ExecutorService pool;
        private Duration timeout = Duration.ofSeconds(30);
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();

        private Builder(ToolRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Who may use which tool; everyone may use every tool by default. */
        public Builder policy(ToolPolicy newPolicy) {
            this.policy = Objects.requireNonNull(newPolicy, "policy");
            return this;
        }

        /**
         * Where the {@code execute_tool} spans and the tool duration metric go; none by default
         * ({@link OpenTelemetry#noop()}). {@code GlobalOpenTelemetry.get()} uses what an agent or the
         * application registered globally.
         */
        public Builder openTelemetry(OpenTelemetry telemetry) {
            this.openTelemetry = Objects.requireNonNull(telemetry, "openTelemetry");
            return this;
        }

        /** Where call records go; none by default. */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = Objects.requireNonNull(sink, "auditSink");
            return this;
        }

        /** Where proposed change sets go; by default a gate that refuses everything. */
        public Builder approvalGate(ApprovalGate gate) {
            this.approvalGate = Objects.requireNonNull(gate, "approvalGate");
            return this;
        }

        /** Adds a link after the policy and argument checks and before the approval gate. */
        public Builder interceptor(ToolInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** How many read calls run at once, on a pool the executor makes; 4 by default. */
        public Builder concurrency(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one thread is needed");
            }
            this.concurrency = threads;
            return this;
        }

        /** Runs read calls on the given executor service instead of a pool of the executor's own. */
        public Builder executorService(ExecutorService service) {
            this.pool = Objects.requireNonNull(service, "executorService");
            return this;
        }

        /** How long the read calls requested together may take; 30 seconds by default. */
        public Builder timeout(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            this.timeout = duration;
            return this;
        }

        public ToolExecutor build() {
            return new ToolExecutor(this);
        }
    }
}
