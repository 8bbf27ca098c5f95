package io.promoagent.dynamodb;

import io.promoagent.dynamodb.internal.compile.AccessPath;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.internal.compile.ExpressionBuilder;
import io.promoagent.dynamodb.internal.compile.QueryPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Writes the DynamoDB requests of a plan, and their text for explanations. */
final class Requests {

    private final DynamoDbClient client;
    private final boolean consistentRead;
    private final RetrySettings retry;

    Requests(DynamoDbClient client, boolean consistentRead, RetrySettings retry) {
        this.client = client;
        this.consistentRead = consistentRead;
        this.retry = retry;
    }

    /** The page streams that execute the plan, one per partition queried or scan segment. */
    List<PageStream> streams(QueryPlan plan, int scanSegments) {
        String table = plan.entity().table();
        AccessPath path = plan.path();
        List<PageStream> out = new ArrayList<>();
        if (path instanceof AccessPath.KeyLookup k) {
            ExpressionBuilder e = new ExpressionBuilder();
            String projection = plan.projection().isEmpty() ? null : e.projection(plan.projection());
            out.add(new KeyLookupPages(client, table, k.keys(), projection, e.names(), consistentRead, retry));
        } else if (path instanceof AccessPath.IndexQuery q) {
            for (Object value : q.partitionValues()) {
                out.add(new QueryPages(client, query(plan, q, value)));
            }
        } else if (path instanceof AccessPath.TableScan) {
            for (int segment = 0; segment < scanSegments; segment++) {
                out.add(new ScanPages(client, scan(plan, segment, scanSegments)));
            }
        }
        return out;
    }

    QueryRequest query(QueryPlan plan, AccessPath.IndexQuery q, Object partitionValue) {
        ExpressionBuilder e = new ExpressionBuilder();
        QueryRequest.Builder b = QueryRequest.builder()
                .tableName(plan.entity().table())
                .keyConditionExpression(e.keyCondition(q.partitionAttribute(), AttributeValues.of(partitionValue),
                        q.sort().orElse(null)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        q.index().ifPresent(b::indexName);
        // Secondary indexes are eventually consistent only; asking for more would be refused.
        b.consistentRead(consistentRead && q.index().isEmpty());
        plan.filter().ifPresent(f -> b.filterExpression(e.filter(f)));
        if (!plan.projection().isEmpty()) {
            b.projectionExpression(e.projection(plan.projection()));
        }
        b.expressionAttributeNames(e.names());
        b.expressionAttributeValues(e.values());
        return b.build();
    }

    ScanRequest scan(QueryPlan plan, int segment, int segments) {
        ExpressionBuilder e = new ExpressionBuilder();
        ScanRequest.Builder b = ScanRequest.builder()
                .tableName(plan.entity().table())
                .consistentRead(consistentRead)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
        if (segments > 1) {
            b.segment(segment).totalSegments(segments);
        }
        plan.filter().ifPresent(f -> b.filterExpression(e.filter(f)));
        if (!plan.projection().isEmpty()) {
            b.projectionExpression(e.projection(plan.projection()));
        }
        if (!e.names().isEmpty()) {
            b.expressionAttributeNames(e.names());
        }
        if (!e.values().isEmpty()) {
            b.expressionAttributeValues(e.values());
        }
        return b.build();
    }

    /** The request text an explanation shows: for a fan-out, the request of the first partition. */
    String text(QueryPlan plan) {
        AccessPath path = plan.path();
        if (path instanceof AccessPath.NoRead n) {
            return "no request: " + n.reason();
        }
        if (path instanceof AccessPath.KeyLookup k) {
            ExpressionBuilder e = new ExpressionBuilder();
            StringJoiner j = new StringJoiner(", ");
            j.add("Keys=" + (k.keys().size() <= 5 ? show(k.keys()) : k.keys().size() + " keys"));
            if (!plan.projection().isEmpty()) {
                j.add("ProjectionExpression=" + e.projection(plan.projection()));
                j.add("ExpressionAttributeNames=" + e.names());
            }
            return j.toString();
        }
        if (path instanceof AccessPath.IndexQuery q) {
            QueryRequest r = query(plan, q, q.partitionValues().get(0));
            return text("KeyConditionExpression=" + r.keyConditionExpression(), r.filterExpression(),
                    r.projectionExpression(), r.expressionAttributeNames(), r.expressionAttributeValues());
        }
        ScanRequest r = scan(plan, 0, 1);
        return text(null, r.filterExpression(), r.projectionExpression(),
                r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : Map.of(),
                r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : Map.of());
    }

    private static String text(String key, String filter, String projection, Map<String, String> names,
                               Map<String, AttributeValue> values) {
        StringJoiner j = new StringJoiner(", ");
        if (key != null) {
            j.add(key);
        }
        if (filter != null) {
            j.add("FilterExpression=" + filter);
        }
        if (projection != null) {
            j.add("ProjectionExpression=" + projection);
        }
        if (!names.isEmpty()) {
            j.add("ExpressionAttributeNames=" + names);
        }
        if (!values.isEmpty()) {
            StringJoiner v = new StringJoiner(", ", "{", "}");
            values.forEach((k, a) -> v.add(k + "=" + show(a)));
            j.add("ExpressionAttributeValues=" + v);
        }
        return j.toString();
    }

    private static String show(List<Map<String, AttributeValue>> keys) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (Map<String, AttributeValue> key : keys) {
            StringJoiner k = new StringJoiner(", ", "{", "}");
            key.forEach((name, value) -> k.add(name + "=" + show(value)));
            j.add(k.toString());
        }
        return j.toString();
    }

    static String show(AttributeValue v) {
        if (v.s() != null) {
            return "\"" + v.s() + "\"";
        }
        if (v.n() != null) {
            return new BigDecimal(v.n()).toPlainString();
        }
        if (v.bool() != null) {
            return v.bool().toString();
        }
        return v.toString();
    }
}
