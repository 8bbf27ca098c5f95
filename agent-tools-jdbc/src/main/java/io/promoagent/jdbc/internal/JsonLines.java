package io.promoagent.jdbc.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an entity's JSON-lines file (one object per line, as {@code demo-data export} writes them) into rows
 * typed by the data model: numbers as {@link BigDecimal} exactly as written, booleans, text. A field the
 * entity lacks or a value of another type fails with the file and line, rather than load something else.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonLines() {
    }

    public static List<Row> read(Entity entity, Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    rows.add(row(entity, MAPPER.readTree(line), file.getFileName() + ":" + number));
                }
            }
        } catch (IOException e) {
            throw new DataSourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static Row row(Entity entity, JsonNode record, String where) {
        if (!record.isObject()) {
            throw new DataSourceException(where + ": not a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            Optional<Field> field = entity.field(entry.getKey());
            if (field.isEmpty()) {
                throw new DataSourceException(where + ": '" + entry.getKey() + "' is not a field of " + entity.name());
            }
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            Object value = switch (field.get().type()) {
                case NUMBER, INTEGER -> v.isNumber() ? v.decimalValue() : null;
                case BOOLEAN -> v.isBoolean() ? v.booleanValue() : null;
                default -> v.isTextual() ? v.textValue() : null;
            };
            if (value == null) {
                throw new DataSourceException(where + ": field '" + entry.getKey() + "' is " + field.get().type()
                        .name().toLowerCase(java.util.Locale.ROOT) + " in the data model but holds " + v);
            }
            values.put(entry.getKey(), value);
        }
        return new Row(values);
    }
}
