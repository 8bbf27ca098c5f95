package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A query said in plain words for a person ("customers whose country is DE, the 5 with the highest
 * total_spent"): what a clarification shows instead of the query's JSON, which is for machines.
 */
public final class PlainWords {

    private PlainWords() {
    }

    /** The query in words. */
    public static String of(Query q) {
        StringBuilder s = new StringBuilder();
        List<String> aggs = new ArrayList<>();
        for (Aggregate a : q.aggregates()) {
            aggs.add(aggregate(a));
        }
        if (!aggs.isEmpty()) {
            s.append(join(aggs, "and")).append(" of ");
        }
        s.append(name(q.entity()));
        q.where().ifPresent(f -> s.append(" ").append(condition(f)));
        if (!q.groupBy().isEmpty()) {
            List<String> gs = new ArrayList<>();
            for (GroupBy g : q.groupBy()) {
                gs.add(g.truncate().map(u -> name(g.field()) + " (by " + u.jsonName() + ")").orElse(name(g.field())));
            }
            s.append(", per ").append(join(gs, "and"));
        }
        if (!q.fields().isEmpty()) {
            s.append(", showing ").append(join(q.fields().stream().map(PlainWords::name).toList(), "and"));
        }
        if (!q.orderBy().isEmpty()) {
            OrderBy o = q.orderBy().get(0);
            String dir = o.direction() == Direction.DESC ? "highest" : "lowest";
            if (q.limit().isPresent()) {
                int n = q.limit().getAsInt();
                s.append(n == 1 ? ", the one with the " + dir + " " : ", the " + n + " with the " + dir + " ");
            } else {
                s.append(", " + dir + " ");
            }
            s.append(name(o.by())).append(q.limit().isPresent() ? "" : " first");
        } else if (q.limit().isPresent()) {
            s.append(", at most ").append(q.limit().getAsInt());
        }
        return s.toString();
    }

    private static String aggregate(Aggregate a) {
        if (a instanceof Aggregate.Measure m) {
            return name(m.measure());
        }
        Aggregate.Of o = (Aggregate.Of) a;
        String fn = switch (o.function()) {
            case COUNT -> "the number";
            case COUNT_DISTINCT -> "the number of different";
            case SUM -> "the total";
            case AVG -> "the average";
            case MIN -> "the lowest";
            case MAX -> "the highest";
            case MEDIAN -> "the median";
            case PERCENTILE -> "a percentile of";
        };
        return o.field().map(f -> fn + " " + name(f)).orElse(fn);
    }

    static String condition(Filter f) {
        if (f instanceof And a) {
            return join(a.operands().stream().map(PlainWords::condition).toList(), "and");
        }
        if (f instanceof Or o) {
            return "(" + join(o.operands().stream().map(PlainWords::condition).toList(), "or") + ")";
        }
        if (f instanceof Not n) {
            return "not " + condition(n.operand());
        }
        if (f instanceof RuleRef r) {
            String args = r.args().isEmpty() ? "" : " " + r.args();
            return "that are " + name(r.rule()) + args;
        }
        if (f instanceof Within w) {
            return "whose " + name(w.field()) + " is " + range(w.range());
        }
        if (f instanceof Related r) {
            String what = r.where().map(w -> name(r.via()) + " " + condition(w)).orElse(name(r.via()));
            if (r.count().isNotExists()) {
                return "with no " + what;
            }
            if (r.count().isExists()) {
                return "with " + what;
            }
            return "with " + op(r.count().op()) + " " + r.count().value() + " " + what;
        }
        if (!(f instanceof Compare c)) {
            // a comparison of computed values: the planner writes none, so say it plainly rather than guess words
            return "matching a computed condition";
        }
        String field = "whose " + name(c.field());
        List<String> vs = c.values().stream().map(PlainWords::value).toList();
        return switch (c.op()) {
            case BETWEEN -> field + " is between " + vs.get(0) + " and " + vs.get(1);
            case IN -> field + " is one of " + join(vs, "or");
            case CONTAINS -> field + " contains " + vs.get(0);
            case BEGINS_WITH -> field + " starts with " + vs.get(0);
            case ENDS_WITH -> field + " ends with " + vs.get(0);
            case IS_NULL -> field + " is empty";
            default -> field + " is " + op(c.op()) + vs.get(0);
        };
    }

    private static String op(io.promoagent.schema.ir.Operator op) {
        return switch (op) {
            case NE -> "not ";
            case GT -> "more than ";
            case GTE -> "at least ";
            case LT -> "less than ";
            case LTE -> "at most ";
            default -> "";
        };
    }

    private static String range(TimeRange r) {
        if (r instanceof TimeRange.Last l) {
            return "in the last " + l.amount() + " " + l.unit().jsonName() + (l.amount() == 1 ? "" : "s");
        }
        if (r instanceof TimeRange.Next n) {
            return "in the next " + n.amount() + " " + n.unit().jsonName() + (n.amount() == 1 ? "" : "s");
        }
        if (r instanceof TimeRange.Calendar c) {
            String unit = c.unit().jsonName();
            return switch (c.offset()) {
                case 0 -> "this " + unit;
                case -1 -> "last " + unit;
                case 1 -> "next " + unit;
                default -> c.offset() < 0 ? (-c.offset()) + " " + unit + "s ago"
                        : "in " + c.offset() + " " + unit + "s";
            };
        }
        if (r instanceof TimeRange.RestOf ro) {
            return "from today to the end of this " + ro.unit().jsonName();
        }
        if (r instanceof TimeRange.ToToday) {
            return "today or earlier";
        }
        if (r instanceof TimeRange.FromToday) {
            return "today or later";
        }
        TimeRange.Between b = (TimeRange.Between) r;
        return "from " + b.from() + " to " + b.to();
    }

    private static String value(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    /** A model name as words: {@code total_spent} is "total spent", {@code customer.segment} "customer segment". */
    static String name(String n) {
        return n.replace('_', ' ').replace('.', ' ');
    }

    private static String join(List<String> parts, String last) {
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "" : parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + last + " " + parts.get(parts.size() - 1);
    }
}
