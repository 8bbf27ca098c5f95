package io.promoagent.dynamodb.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of an item as DynamoDB counts it for capacity: for each attribute, the UTF-8 length of its name
 * plus the size of its value (a string's UTF-8 length; a number's significant digits halved, rounded up,
 * plus one; one byte for a boolean or null; three bytes plus one per element for lists and maps).
 */
public final class ItemSize {

    private static final double PAGE = 4096.0;

    private ItemSize() {
    }

    /** The item's size in bytes. */
    public static long bytes(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8(e.getKey()) + valueBytes(e.getValue());
        }
        return total;
    }

    /** The read units of reading {@code bytes} in one request: 4 KB units rounded up, half when eventually consistent. */
    public static double readUnits(long bytes, boolean consistentRead) {
        double units = Math.max(1, Math.ceil(bytes / PAGE));
        return consistentRead ? units : units / 2;
    }

    static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return numberBytes(v.n());
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(ItemSize::numberBytes).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (v.hasL()) {
            List<AttributeValue> list = v.l();
            return 3 + list.stream().mapToLong(e -> 1 + valueBytes(e)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + valueBytes(e.getValue())).sum();
        }
        return 0;
    }

    static long numberBytes(String n) {
        String digits = new BigDecimal(n).unscaledValue().abs().toString();
        digits = digits.replaceAll("0+$", "");
        int significant = Math.max(1, digits.length());
        return (significant + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
