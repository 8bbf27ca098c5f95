package io.promoagent.core.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a table row as a JSON object exactly as Jackson's map serializer would, but with the three kinds
 * of value a block holds written directly: tables are most of what the endpoint writes, and looking up a
 * serializer for every value was a fifth of a loaded server's time.
 */
final class TableRowSerializer extends StdSerializer<Map<String, Object>> {

    @SuppressWarnings({"unchecked", "rawtypes"})
    TableRowSerializer() {
        super((Class<Map<String, Object>>) (Class) Map.class);
    }

    @Override
    public void serialize(Map<String, Object> row, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(row);
        for (Map.Entry<String, Object> e : row.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof BigDecimal d) {
                g.writeNumber(d);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                provider.defaultSerializeValue(v, g); // a block never holds other values; written as Jackson would
            }
        }
        g.writeEndObject();
    }
}
