package io.promoagent.dynamodb;

import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.model.Key;
import io.promoagent.schema.source.DataSourceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the DynamoDB tables a data model declares: one table per entity with its key, every index as a
 * global secondary index projecting all attributes, on-demand capacity (PAY_PER_REQUEST). For the demo,
 * tests and first set-ups; production tables belong in infrastructure code.
 */
public final class DynamoDbTables {

    private DynamoDbTables() {
    }

    /**
     * Creates the tables of the model's DynamoDB entities (those whose source is of kind {@code dynamodb},
     * or undeclared) that do not exist yet, and waits until they are active.
     *
     * @return the names of the tables created
     */
    public static List<String> create(DynamoDbClient client, DataModel model) {
        List<Entity> entities = new ArrayList<>();
        for (Entity e : model.entities()) {
            boolean dynamo = model.source(e.source()).map(s -> s.kind().equalsIgnoreCase("dynamodb")).orElse(true);
            if (dynamo) {
                entities.add(e);
            }
        }
        return create(client, entities);
    }

    /** Creates the tables of {@code entities} that do not exist yet; returns the names created. */
    public static List<String> create(DynamoDbClient client, List<Entity> entities) {
        Set<String> existing = Set.copyOf(SdkErrors.call("ListTables", () -> client.listTablesPaginator().tableNames()
                .stream().toList()));
        List<String> created = new ArrayList<>();
        for (Entity e : entities) {
            if (existing.contains(e.table()) || created.contains(e.table())) {
                continue;
            }
            try {
                client.createTable(request(e));
            } catch (ResourceInUseException raced) {
                continue; // created meanwhile by someone else: what we wanted
            } catch (SdkException ex) {
                throw SdkErrors.translate("CreateTable " + e.table(), ex);
            }
            created.add(e.table());
        }
        for (String table : created) {
            SdkErrors.call("waiting for table " + table, () -> client.waiter().waitUntilTableExists(b -> b.tableName(table)));
        }
        return created;
    }

    /** The CreateTable request for an entity. */
    public static CreateTableRequest request(Entity e) {
        Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
        List<KeySchemaElement> tableKey = keySchema(e, e.key(), attributes);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Index i : e.indexes()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(i.name())
                    .keySchema(keySchema(e, i.key(), attributes))
                    .projection(p -> p.projectionType(ProjectionType.ALL))
                    .build());
        }
        List<AttributeDefinition> definitions = new ArrayList<>();
        attributes.forEach((name, type) -> definitions.add(
                AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(e.table())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definitions)
                .keySchema(tableKey);
        if (!indexes.isEmpty()) {
            b.globalSecondaryIndexes(indexes);
        }
        return b.build();
    }

    private static List<KeySchemaElement> keySchema(Entity e, Key key, Map<String, ScalarAttributeType> attributes) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(element(e, key.partition(), KeyType.HASH, attributes));
        key.sort().ifPresent(s -> schema.add(element(e, s, KeyType.RANGE, attributes)));
        return schema;
    }

    private static KeySchemaElement element(Entity e, String attribute, KeyType keyType,
                                            Map<String, ScalarAttributeType> attributes) {
        Field field = e.field(attribute).orElseThrow(() -> new DataSourceException(
                "entity '" + e.name() + "' has a key on '" + attribute + "', which is not one of its fields"));
        ScalarAttributeType type = AttributeValues.keyType(field.type()).orElseThrow(() -> new DataSourceException(
                "entity '" + e.name() + "': field '" + attribute + "' is " + field.type()
                        + ", which cannot be a DynamoDB key (keys are strings or numbers)"));
        attributes.put(attribute, type);
        return KeySchemaElement.builder().attributeName(attribute).keyType(keyType).build();
    }
}
