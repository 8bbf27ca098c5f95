package io.promoagent.core.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows of one entity (or groups of an aggregate query) under named columns, for the person: every column,
 * {@code ui} fields included.
 *
 * @param entity  the entity the rows come from
 * @param columns the column names, in display order
 * @param rows    the rows; a value is a String, a BigDecimal or a Boolean, an absent value has no entry
 * @param total   how many rows matched; more than {@code rows.size()} when the table was cut
 * @param labels  what people read for a column ("order date" for {@code order_date}), by column name; a
 *                column without one is shown by a readable form of its name
 * @param query   the typed query (the IR's JSON form) the rows answer, so that a person can ask how it reads
 *                its data ("explain" on the page); null for a table no single typed query made
 * @param reads   the typed queries a tool read with to compute the rows, in the order read, each with what it
 *                feeds (explained on the page like {@code query}); empty when the rows answer {@code query}
 *                or no typed query made them
 */
public record TableBlock(String entity, List<String> columns,
                         @JsonSerialize(contentUsing = TableRowSerializer.class) List<Map<String, Object>> rows,
                         long total,
                         Map<String, String> labels,
                         @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode query,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TableRead> reads)
        implements Block {

    public TableBlock {
        Objects.requireNonNull(entity, "entity");
        columns = List.copyOf(columns);
        rows = BlockValues.rows(rows);
        if (total < rows.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + rows.size() + " rows");
        }
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        query = query == null || query.isNull() ? null : query.deepCopy();
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    /** The rows the typed query {@code query} answers. */
    public TableBlock(String entity, List<String> columns, List<Map<String, Object>> rows, long total,
                      Map<String, String> labels, JsonNode query) {
        this(entity, columns, rows, total, labels, query, List.of());
    }

    /** This table, computed from {@code reads} (a {@link io.promoagent.core.query.ReadLog}'s) instead. */
    public TableBlock withReads(List<TableRead> reads) {
        return new TableBlock(entity, columns, rows, total, labels, query, reads);
    }

    /** A table no typed query made, with labels for its columns. */
    public TableBlock(String entity, List<String> columns, List<Map<String, Object>> rows, long total,
                      Map<String, String> labels) {
        this(entity, columns, rows, total, labels, null, List.of());
    }

    /** The query the rows answer, if a typed query made them. */
    public Optional<JsonNode> sourceQuery() {
        return Optional.ofNullable(query).map(JsonNode::deepCopy);
    }

    /** A table whose columns are shown by a readable form of their names. */
    public TableBlock(String entity, List<String> columns, List<Map<String, Object>> rows, long total) {
        this(entity, columns, rows, total, Map.of(), null, List.of());
    }
}
