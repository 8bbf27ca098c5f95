package io.promoagent.example.app;

import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.session.SessionStore;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.OutboxStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where an engine keeps its data and state. For a deployed engine (the Lambda handler): DynamoDB tables
 * that already hold the data, and shared stores for approvals, the audit chain and conversations, so that
 * any number of instances serve the same approvals and sessions. The in-process engine uses the same
 * shape for its embedded DynamoDB Local, with stores in memory or in its data folder.
 *
 * @param dynamo     a client of the DynamoDB that holds one table per entity of the data model
 * @param approvals  the approval store all instances share
 * @param audit      the audit chain all instances append to
 * @param sessions   conversations, for the language model's memory
 * @param signingKey the key approval tokens are signed with; the same on every instance
 * @param clock      the time; the system clock in production
 * @param tokenTable the table each write records its idempotency token in, in the same transaction
 *                   ({@code DynamoDbRecordWriter.createTokenTable}), so that a recovery knows durably
 *                   whether an interrupted apply wrote; without it an apply interrupted after its write
 *                   is failed by its recovery instead of completed
 * @param outbox     the e-mail outbox; one that outlives the process, so that a recovered send does not
 *                   send again what had left
 */
public record DeployedStores(DynamoDbClient dynamo, ApprovalStore approvals, AuditStore audit, SessionStore sessions,
                             byte[] signingKey, Clock clock, Optional<String> tokenTable, OutboxStore outbox) {

    /** Stores without a token table, whose outbox is in this process's memory. */
    public DeployedStores(DynamoDbClient dynamo, ApprovalStore approvals, AuditStore audit, SessionStore sessions,
                          byte[] signingKey, Clock clock) {
        this(dynamo, approvals, audit, sessions, signingKey, clock, Optional.empty(), new InMemoryOutboxStore());
    }

    public DeployedStores {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(sessions, "sessions");
        if (signingKey == null || signingKey.length < 32) {
            throw new IllegalArgumentException("the signing key must have at least 32 bytes");
        }
        signingKey = signingKey.clone();
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenTable, "tokenTable");
        Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }
}
