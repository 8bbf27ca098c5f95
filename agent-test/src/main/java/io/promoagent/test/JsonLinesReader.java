package io.promoagent.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one entity's JSON-lines file into rows typed by the data model: numbers and integers become
 * {@link BigDecimal}, booleans {@link Boolean}, strings, enums, dates and timestamps {@link String}.
 *
 * <p>Strict on purpose: a fixture that silently drops a misspelt field or keeps a number as text makes a
 * test pass for the wrong reason, so every mismatch with the model fails with the file and line.
 */
final class JsonLinesReader {

    // Exact decimals as written: 24.10 stays 24.10, neither a binary double nor stripped to 24.1.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonLinesReader() {
    }

    static List<Row> read(Entity entity, String fileName, BufferedReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = fileName + ":" + lineNumber;
            JsonNode record;
            try {
                record = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new FixtureException(where + ": not a JSON object: " + e.getOriginalMessage(), e);
            }
            if (!record.isObject()) {
                throw new FixtureException(where + ": not a JSON object");
            }
            rows.add(row(entity, record, where));
        }
        return rows;
    }

    private static Row row(Entity entity, JsonNode record, String where) {
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            Optional<Field> field = entity.field(name);
            if (field.isEmpty()) {
                List<String> suggestions = Suggestions.rank(name, entity.fieldNames());
                throw new FixtureException(where + ": '" + name + "' is not a field of " + entity.name()
                        + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(", ", suggestions) + "?)"));
            }
            JsonNode value = entry.getValue();
            if (!value.isNull()) {
                values.put(name, value(field.get(), value, where));
            }
        }
        return new Row(values);
    }

    private static Object value(Field field, JsonNode value, String where) {
        switch (field.type()) {
            case NUMBER:
                if (value.isNumber()) {
                    return value.decimalValue();
                }
                break;
            case INTEGER:
                if (value.isIntegralNumber()) {
                    return new BigDecimal(value.bigIntegerValue());
                }
                break;
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                break;
            case ENUM:
                if (value.isTextual()) {
                    return enumValue(field, value.textValue(), where);
                }
                break;
            case DATE:
                if (value.isTextual()) {
                    return checked(field, value.textValue(), where, DateTimeFormatter.ISO_LOCAL_DATE, "YYYY-MM-DD");
                }
                break;
            case TIMESTAMP:
                if (value.isTextual()) {
                    return checked(field, value.textValue(), where, DateTimeFormatter.ISO_DATE_TIME, "an ISO-8601 date-time");
                }
                break;
            case STRING:
                if (value.isTextual()) {
                    return value.textValue();
                }
                break;
            default:
                throw new IllegalStateException("unhandled field type " + field.type());
        }
        throw new FixtureException(where + ": field '" + field.name() + "' is " + article(field) + " in the data model"
                + " but holds " + value);
    }

    private static String enumValue(Field field, String text, String where) {
        for (EnumValue allowed : field.values()) {
            if (allowed.value().equals(text)) {
                return text;
            }
        }
        List<String> names = field.values().stream().map(EnumValue::value).toList();
        throw new FixtureException(where + ": field '" + field.name() + "' holds \"" + text
                + "\", which is not one of its values " + names);
    }

    private static String checked(Field field, String text, String where, DateTimeFormatter format, String expected) {
        try {
            format.parse(text); // the ISO formatters resolve strictly: 2026-02-30 is refused
            return text;
        } catch (DateTimeParseException e) {
            throw new FixtureException(where + ": field '" + field.name() + "' holds \"" + text + "\", not " + expected, e);
        }
    }

    private static String article(Field field) {
        String type = field.type().name().toLowerCase(java.util.Locale.ROOT);
        return (type.startsWith("e") || type.startsWith("i") ? "an " : "a ") + type;
    }
}
