package io.promoagent.dynamodb.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.ToolEffect;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.dynamodb.LocalDynamoDb;
import io.promoagent.dynamodb.compile.AttributeValues;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An approved change set of agent-core, applied to DynamoDB in one conditional transaction. */
class ChangeSetWriterTest {

    private static final Entity PROMOTIONS = Entity.builder("promotions").source("main").table("changeset_promotions").key("id")
            .field("id", FieldType.STRING).field("status", FieldType.STRING).field("budget", FieldType.NUMBER).build();
    private static final DataModel MODEL = DataModel.builder().source("main", "dynamodb").entity(PROMOTIONS).build();

    private static DynamoDbClient client;

    @BeforeAll
    static void table() {
        client = LocalDynamoDb.client();
        DynamoDbTables.create(client, MODEL);
    }

    private static ChangeSet changeSet(AffectedRecord... records) {
        return ChangeSet.builder().tool("promotions.change_status").effect(ToolEffect.WRITE)
                .arguments(JsonNodeFactory.instance.objectNode()).summary("test").affected(records)
                .requester("alice").createdAt(Instant.parse("2026-06-30T10:00:00Z")).build();
    }

    @Test
    void appliesCreatesAndUpdatesAndReturnsTheBeforeImages() {
        String existing = "P-" + UUID.randomUUID();
        String created = "P-" + UUID.randomUUID();
        Row before = new Row(Map.of("id", existing, "status", "draft", "budget", new BigDecimal("100")));
        client.putItem(b -> b.tableName(PROMOTIONS.table()).item(AttributeValues.item(before)));
        Row after = new Row(Map.of("id", existing, "status", "active", "budget", new BigDecimal("100")));
        Row fresh = new Row(Map.of("id", created, "status", "draft"));

        ChangeSet cs = changeSet(AffectedRecord.update("promotions", Map.of("id", existing), before, after, null),
                AffectedRecord.create("promotions", Map.of("id", created), fresh));
        ApplyResult result = new ChangeSetWriter(client, MODEL).apply(cs);

        assertThat(result.changeSetId()).isEqualTo(cs.id());
        assertThat(result.appliedCount()).isEqualTo(2);
        assertThat(result.applied().get(0).before()).contains(before);
        assertThat(result.applied().get(0).after()).contains(after);
        assertThat(result.summary()).contains("1 created, 1 updated");
        assertThat(item(existing).get("status").s()).isEqualTo("active");
        assertThat(item(created)).isNotEmpty();
    }

    @Test
    void appliesNothingTwiceWhenTheSameChangeSetIsAppliedAgain() {
        String id = "P-" + UUID.randomUUID();
        ChangeSet cs = changeSet(AffectedRecord.create("promotions", Map.of("id", id),
                new Row(Map.of("id", id, "status", "draft"))));
        new ChangeSetWriter(client, MODEL).apply(cs);
        assertThatThrownBy(() -> new ChangeSetWriter(client, MODEL).apply(cs))
                .isInstanceOf(ConditionFailedException.class).hasMessageContaining("already exists");
        assertThat(item(id).get("status").s()).isEqualTo("draft");
    }

    private static Map<String, AttributeValue> item(String id) {
        return client.getItem(b -> b.tableName(PROMOTIONS.table()).key(Map.of("id", AttributeValue.fromS(id)))
                .consistentRead(true)).item();
    }
}
