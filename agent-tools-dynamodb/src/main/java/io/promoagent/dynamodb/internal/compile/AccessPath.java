package io.promoagent.dynamodb.internal.compile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How the items of a query are reached: by key, through a table or index query, by a scan, or not at all. */
public sealed interface AccessPath {

    /** The DynamoDB operation: {@code GetItem}, {@code BatchGetItem}, {@code Query}, {@code Scan}, or {@code None}. */
    String operation();

    /** The secondary index used, if any. */
    default Optional<String> index() {
        return Optional.empty();
    }

    /** The filter can hold for no item, so nothing is read. */
    record NoRead(String reason) implements AccessPath {
        @Override
        public String operation() {
            return "None";
        }
    }

    /** Items read by their full table key: one GetItem, or BatchGetItem calls of at most 100 keys. */
    record KeyLookup(List<Map<String, AttributeValue>> keys) implements AccessPath {
        public KeyLookup {
            keys = List.copyOf(keys);
        }

        @Override
        public String operation() {
            return keys.size() == 1 ? "GetItem" : "BatchGetItem";
        }
    }

    /** Why a query reads more than one partition. */
    enum Fanout {
        /** Equality on the partition key: one partition. */
        PARTITION,
        /** An {@code in} list on the partition key: one query per value. */
        KEY_SET,
        /** A date range over a bucketed partition key: one query per bucket covered. */
        BUCKETS,
        /** A sort-key condition under an enum partition key: one query per declared value. */
        ENUM_VALUES
    }

    /**
     * Query calls on the table or a secondary index, one per partition value, run concurrently when more
     * than one.
     *
     * @param index              the index, or empty for the table
     * @param partitionAttribute the partition key attribute of the table or index
     * @param partitionValues    the partition key values, one query each
     * @param sort               the sort-key condition, if any
     * @param fanout             why there are this many partitions
     */
    record IndexQuery(Optional<String> index, String partitionAttribute, List<Object> partitionValues,
                      Optional<SortCondition> sort, Fanout fanout) implements AccessPath {
        public IndexQuery {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(partitionAttribute, "partitionAttribute");
            partitionValues = List.copyOf(partitionValues);
            Objects.requireNonNull(sort, "sort");
            Objects.requireNonNull(fanout, "fanout");
        }

        @Override
        public String operation() {
            return "Query";
        }
    }

    /**
     * A scan of the whole table with a filter, the path of last resort.
     *
     * @param advice which index would serve the query, for the error when scans are refused
     */
    record TableScan(String advice) implements AccessPath {
        @Override
        public String operation() {
            return "Scan";
        }
    }
}
