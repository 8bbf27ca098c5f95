package io.promoagent.core.execution;

import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.internal.telemetry.AuditTrace;
import io.promoagent.core.tool.ToolResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every call and its outcome, refused ones included; when the record cannot be written the call
 * fails closed and its result is withheld.
 */
final class AuditInterceptor implements ToolInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AuditInterceptor.class);

    private final AuditSink sink;

    AuditInterceptor(AuditSink sink) {
        this.sink = sink;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ToolResult result = chain.proceed(chain.call());
        return record(sink, chain, result);
    }

    static ToolResult record(AuditSink sink, Chain chain, ToolResult result) {
        try {
            AuditTrace.record(sink, ToolCallEvents.of(chain.call(), chain.context(),
                    Optional.of(chain.tool().descriptor().effect()), result));
            return result;
        } catch (RuntimeException e) {
            LOG.error("audit record for tool call {} ({}) could not be written", chain.call().id(), chain.call().tool(), e);
            return ToolResult.failed(AgentErrorCode.AUDIT_UNAVAILABLE,
                    "the audit record could not be written, so the call's result is withheld");
        }
    }
}
