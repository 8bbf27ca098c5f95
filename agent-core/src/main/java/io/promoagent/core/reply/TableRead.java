package io.promoagent.core.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One read a computed table was made from: the typed query (the IR's JSON form) a tool ran, and what part of
 * the table it feeds, so that a person can ask how the table reads its data ("explain" on the page).
 *
 * @param query   the typed query, as {@code io.promoagent.schema.json.QueryJson} writes it
 * @param purpose what the read feeds, in plain words ("customers: who meets lapsed_customer, the lapsed
 *                stage"); empty when the tool did not say
 */
public record TableRead(JsonNode query, @JsonInclude(JsonInclude.Include.NON_EMPTY) String purpose) {

    public TableRead {
        Objects.requireNonNull(query, "query");
        if (!query.isObject()) {
            throw new IllegalArgumentException("a read's query is a JSON object");
        }
        query = query.deepCopy();
        purpose = purpose == null ? "" : purpose;
    }

    @Override
    public JsonNode query() {
        return query.deepCopy();
    }
}
