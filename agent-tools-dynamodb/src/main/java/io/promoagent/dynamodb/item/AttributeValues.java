package io.promoagent.dynamodb.item;

import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The type mapping between row values and DynamoDB attributes: numbers and integers are {@code N}
 * ({@link BigDecimal}), strings, enums, dates and timestamps are {@code S}, booleans are {@code BOOL}, and
 * an absent value is a missing attribute.
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    /** The attribute for a row value (String, BigDecimal or Boolean). */
    public static AttributeValue of(Object value) {
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof BigDecimal d) {
            return AttributeValue.fromN(number(d));
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        throw new IllegalArgumentException("no DynamoDB attribute for a " + value.getClass().getName());
    }

    /**
     * A number as DynamoDB stores it, without trailing zeros ({@code 12.50} is stored and read back as
     * {@code 12.5}), so that an image computed before writing equals the item read back after.
     */
    public static String number(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * The row value of an attribute; empty for {@code NULL} and for the types rows do not carry (lists,
     * maps, sets, binary), which the data model cannot declare.
     */
    public static Optional<Object> value(AttributeValue attribute) {
        if (attribute == null) {
            return Optional.empty();
        }
        if (attribute.s() != null) {
            return Optional.of(attribute.s());
        }
        if (attribute.n() != null) {
            return Optional.of(new BigDecimal(attribute.n()));
        }
        if (attribute.bool() != null) {
            return Optional.of(attribute.bool());
        }
        return Optional.empty();
    }

    /** The row of an item, all attributes. */
    public static Row row(Map<String, AttributeValue> item) {
        Map<String, Object> values = new LinkedHashMap<>();
        item.forEach((name, attribute) -> value(attribute).ifPresent(v -> values.put(name, v)));
        return new Row(values);
    }

    /** The row of an item restricted to {@code fields}; all attributes when {@code fields} is empty. */
    public static Row row(Map<String, AttributeValue> item, Collection<String> fields) {
        if (fields.isEmpty()) {
            return row(item);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String f : fields) {
            value(item.get(f)).ifPresent(v -> values.put(f, v));
        }
        return new Row(values);
    }

    /** The item of a row. */
    public static Map<String, AttributeValue> item(Row row) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        row.values().forEach((name, value) -> item.put(name, of(value)));
        return item;
    }

    /** The scalar type a key attribute of this field type has; empty for booleans, which cannot be keys. */
    public static Optional<ScalarAttributeType> keyType(FieldType type) {
        if (type.isNumeric()) {
            return Optional.of(ScalarAttributeType.N);
        }
        if (type.isTextual()) {
            return Optional.of(ScalarAttributeType.S);
        }
        return Optional.empty();
    }

    /** The DynamoDB type name ({@code S}, {@code N}, {@code BOOL}) of a row value, for {@code attribute_type}. */
    public static String typeName(Object value) {
        if (value instanceof String) {
            return "S";
        }
        if (value instanceof BigDecimal) {
            return "N";
        }
        if (value instanceof Boolean) {
            return "BOOL";
        }
        throw new IllegalArgumentException("no DynamoDB type for a " + value.getClass().getName());
    }
}
