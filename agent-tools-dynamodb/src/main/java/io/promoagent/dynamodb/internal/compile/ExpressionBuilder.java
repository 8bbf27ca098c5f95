package io.promoagent.dynamodb.internal.compile;

import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.schema.ir.Operator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes DynamoDB expressions (key condition, filter, projection) from conditions. Every attribute name
 * goes through a {@code #n} placeholder and every value through a {@code :v} placeholder, so no name is
 * ever mistaken for a reserved word and no value is ever spliced into expression text.
 *
 * <p>One builder serves one request: the key condition, filter and projection share its placeholder maps.
 */
public final class ExpressionBuilder {

    /** DynamoDB's limit on the operands of one {@code IN}. */
    public static final int MAX_IN_OPERANDS = 100;

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final Map<AttributeValue, String> valuePlaceholders = new LinkedHashMap<>();

    /** Whether {@link #filter} can render the condition: no case folding, timestamp day or boolean order. */
    public static boolean expressible(Condition c) {
        if (c instanceof Condition.Leaf l) {
            if (l.ignoreCase() || l.op() == Operator.ENDS_WITH) {
                // DynamoDB has no ends_with and no case folding: checked in memory on the returned items
                return false;
            }
            if (l.op().isOrdering() && l.values().stream().anyMatch(v -> v instanceof Boolean)) {
                return false;
            }
            return l.op() != Operator.IN || l.values().size() <= MAX_IN_OPERANDS;
        }
        if (c instanceof Condition.All a) {
            return a.operands().stream().allMatch(ExpressionBuilder::expressible);
        }
        if (c instanceof Condition.Any a) {
            return a.operands().stream().allMatch(ExpressionBuilder::expressible);
        }
        if (c instanceof Condition.Negation n) {
            return expressible(n.operand());
        }
        return false;
    }

    /** The placeholder of an attribute name. */
    public String name(String attribute) {
        return names.computeIfAbsent(attribute, a -> "#n" + names.size());
    }

    /** The placeholder of a value; equal values share one. */
    public String value(AttributeValue attribute) {
        String placeholder = valuePlaceholders.get(attribute);
        if (placeholder == null) {
            placeholder = ":v" + values.size();
            values.put(placeholder, attribute);
            valuePlaceholders.put(attribute, placeholder);
        }
        return placeholder;
    }

    private String value(Object rowValue) {
        return value(AttributeValues.of(rowValue));
    }

    /** A filter expression; the condition must be {@link #expressible}. */
    public String filter(Condition c) {
        if (c instanceof Condition.Leaf l) {
            return leaf(l);
        }
        if (c instanceof Condition.All a) {
            StringJoiner j = new StringJoiner(" AND ", "(", ")");
            a.operands().forEach(o -> j.add(filter(o)));
            return j.toString();
        }
        if (c instanceof Condition.Any a) {
            StringJoiner j = new StringJoiner(" OR ", "(", ")");
            a.operands().forEach(o -> j.add(filter(o)));
            return j.toString();
        }
        if (c instanceof Condition.Negation n) {
            return "(NOT " + filter(n.operand()) + ")";
        }
        throw new IllegalArgumentException("DynamoDB cannot express " + c);
    }

    private String leaf(Condition.Leaf l) {
        String a = name(l.field());
        switch (l.op()) {
            case EQ:
                return a + " = " + value(l.value());
            case NE:
                // DynamoDB's <> holds for a missing attribute or one of another type; the IR's ne does not.
                return "(attribute_type(" + a + ", " + value(AttributeValue.fromS(AttributeValues.typeName(l.value())))
                        + ") AND " + a + " <> " + value(l.value()) + ")";
            case GT:
                return a + " > " + value(l.value());
            case GTE:
                return a + " >= " + value(l.value());
            case LT:
                return a + " < " + value(l.value());
            case LTE:
                return a + " <= " + value(l.value());
            case BETWEEN:
                return a + " BETWEEN " + value(l.values().get(0)) + " AND " + value(l.values().get(1));
            case IN: {
                if (l.values().size() == 1) {
                    return a + " = " + value(l.value());
                }
                StringJoiner j = new StringJoiner(", ", a + " IN (", ")");
                l.values().forEach(v -> j.add(value(v)));
                return j.toString();
            }
            case CONTAINS:
                return "contains(" + a + ", " + value(l.value()) + ")";
            case BEGINS_WITH:
                return "begins_with(" + a + ", " + value(l.value()) + ")";
            case IS_NULL:
                return "attribute_not_exists(" + a + ")";
            default:
                throw new IllegalArgumentException("unknown operator " + l.op());
        }
    }

    /** A key condition: equality on the partition key and an optional sort-key condition. */
    public String keyCondition(String partitionAttribute, AttributeValue partitionValue, SortCondition sort) {
        String expression = name(partitionAttribute) + " = " + value(partitionValue);
        if (sort == null) {
            return expression;
        }
        String s = name(sort.attribute());
        String condition;
        switch (sort.op()) {
            case EQ:
                condition = s + " = " + value(sort.values().get(0));
                break;
            case LT:
                condition = s + " < " + value(sort.values().get(0));
                break;
            case LTE:
                condition = s + " <= " + value(sort.values().get(0));
                break;
            case GT:
                condition = s + " > " + value(sort.values().get(0));
                break;
            case GTE:
                condition = s + " >= " + value(sort.values().get(0));
                break;
            case BETWEEN:
                condition = s + " BETWEEN " + value(sort.values().get(0)) + " AND " + value(sort.values().get(1));
                break;
            case BEGINS_WITH:
                condition = "begins_with(" + s + ", " + value(sort.values().get(0)) + ")";
                break;
            default:
                throw new IllegalArgumentException(sort.op() + " cannot be a sort-key condition");
        }
        return expression + " AND " + condition;
    }

    /** A projection expression naming each attribute once. */
    public String projection(Collection<String> attributes) {
        StringJoiner j = new StringJoiner(", ");
        attributes.forEach(a -> j.add(name(a)));
        return j.toString();
    }

    /** The name placeholders used so far ({@code #n0 -> segment}). */
    public Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach((attribute, placeholder) -> out.put(placeholder, attribute));
        return out;
    }

    /** The value placeholders used so far ({@code :v0 -> VIP}). */
    public Map<String, AttributeValue> values() {
        return new LinkedHashMap<>(values);
    }
}
