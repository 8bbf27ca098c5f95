package io.promoagent.core.change;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version convention every {@link RecordWriter} and every write tool share, so that a version a tool
 * previews is the version the store checks.
 *
 * <ul>
 *   <li>When the entity declares an {@code integer} field named {@value #FIELD}, the version is that
 *       field's value as a plain integer ({@code "7"}; {@code "0"} when the record lacks it), and the store
 *       raises it by one on every update.</li>
 *   <li>Otherwise it is {@code "sha256:"} followed by the unpadded base64url SHA-256 of the record's
 *       content: the fields the entity declares with a visibility other than {@code hidden} (the fields a
 *       query returns, so a tool that read the record through the query engine computes the same value),
 *       sorted by name, each written as {@code name} NUL {@code type tag} {@code value} NUL, where a
 *       string is tagged {@code s}, a boolean {@code b}, and a number {@code n} and written as
 *       {@link BigDecimal#stripTrailingZeros()}{@code .toPlainString()} (so {@code 10.00} and {@code 10}
 *       are one version, as DynamoDB stores them). Fields the record lacks and fields the entity does not
 *       declare take no part.</li>
 * </ul>
 */
public final class RecordVersion {

    /** The name of the integer field that versions an entity's records, when the entity declares it. */
    public static final String FIELD = "version";

    private static final String HASH_PREFIX = "sha256:";

    private RecordVersion() {
    }

    /** Whether the entity's records carry an integer {@value #FIELD} field. */
    public static boolean isVersioned(Entity entity) {
        return entity.field(FIELD).map(f -> f.type() == FieldType.INTEGER).orElse(false);
    }

    /** The version of {@code row}, a record of {@code entity}. */
    public static String of(Entity entity, Row row) {
        if (isVersioned(entity)) {
            return Long.toString(number(row));
        }
        return HASH_PREFIX + contentHash(entity, row);
    }

    /**
     * The integer version of a record of a versioned entity; zero when it has none.
     *
     * @throws IllegalArgumentException when the field holds something other than a whole number
     */
    public static long number(Row row) {
        Object v = row.valueOrNull(FIELD);
        if (v == null) {
            return 0;
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the version field holds " + d + ", not a whole number", e);
            }
        }
        throw new IllegalArgumentException("the version field holds " + v + ", not a number");
    }

    private static String contentHash(Entity entity, Row row) {
        Map<String, Object> sorted = new TreeMap<>();
        for (Field f : entity.fields()) {
            Object v = row.valueOrNull(f.name());
            if (f.visibility() != Visibility.HIDDEN && v != null) {
                sorted.put(f.name(), v);
            }
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((name, v) -> {
            sb.append(name).append('\0');
            if (v instanceof BigDecimal d) {
                sb.append('n').append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
            } else if (v instanceof Boolean b) {
                sb.append('b').append(b);
            } else {
                sb.append('s').append(v);
            }
            sb.append('\0');
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
