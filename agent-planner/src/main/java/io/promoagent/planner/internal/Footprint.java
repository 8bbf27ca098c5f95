package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Navigation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a planned query uses: the entities it reaches, the fields, values, rules and measures it names,
 * and the kinds of operation it does. The {@link Accountant} checks each word of a request against it.
 */
final class Footprint {

    final Set<String> entities = new HashSet<>();
    /** {@code entity.field}. */
    final Set<String> fields = new HashSet<>();
    /** Values compared with, lower case; numbers in plain form. */
    final Set<String> values = new HashSet<>();
    final Set<String> rules = new HashSet<>();
    final Set<String> measures = new HashSet<>();
    final Set<AggregateFunction> functions = EnumSet.noneOf(AggregateFunction.class);
    final Set<Operator> operators = EnumSet.noneOf(Operator.class);
    boolean negation;
    boolean disjunction;
    boolean time;
    boolean truncated;
    boolean related;
    boolean countCondition;
    /** What makes the query itself doubtful, such as two time ranges for one date. */
    final List<String> doubts = new ArrayList<>();
    private final Set<String> dateRanges = new HashSet<>();
    final String head;
    final Query query;
    private final DataModel model;

    Footprint(DataModel model, Query q) {
        this.model = model;
        this.query = q;
        this.head = q.entity();
        entities.add(head);
        q.where().ifPresent(f -> filter(head, f, false));
        q.having().ifPresent(f -> filter(head, f, false));
        for (GroupBy g : q.groupBy()) {
            field(head, g.field());
            truncated |= g.truncate().isPresent();
        }
        for (Aggregate a : q.aggregates()) {
            if (a instanceof Aggregate.Measure m) {
                measures.add(m.measure());
            } else if (a instanceof Aggregate.Of o) {
                functions.add(o.function());
                o.field().ifPresent(f -> field(head, f));
                // "number of customers" of transactions: the customers' keys, counted once each
                o.field().ifPresent(f -> model.navigations(head).values().stream()
                        .filter(n -> !n.toMany() && n.localField().equals(f)).forEach(n -> entities.add(n.to())));
            }
        }
        for (OrderBy o : q.orderBy()) {
            if (model.measure(o.by()).isPresent()) {
                measures.add(o.by());
            } else {
                field(head, o.by());
            }
        }
        q.fields().forEach(f -> field(head, f));
        q.limit().ifPresent(n -> values.add(Integer.toString(n)));
    }

    DataModel model() {
        return model;
    }

    boolean aggregates() {
        return query.isAggregate();
    }

    /** Whether the groups include the key of a record the head reaches through a many-to-one relationship. */
    boolean groupsByKey() {
        return groupsByKeyOf(null);
    }

    /** As {@link #groupsByKey()}, for records of {@code entity} only (any when null). */
    boolean groupsByKeyOf(String entity) {
        return query.groupBy().stream().anyMatch(g -> g.truncate().isEmpty() && model.navigations(head).values().stream()
                .anyMatch(n -> !n.toMany() && n.localField().equals(g.field()) && (entity == null || n.to().equals(entity))));
    }

    boolean ordered() {
        return !query.orderBy().isEmpty();
    }

    private void filter(String entity, Filter f, boolean negated) {
        if (f instanceof And a) {
            a.operands().forEach(o -> filter(entity, o, negated));
        } else if (f instanceof Or o) {
            disjunction = true;
            o.operands().forEach(x -> filter(entity, x, negated));
        } else if (f instanceof Not n) {
            negation = true;
            filter(entity, n.operand(), !negated);
        } else if (f instanceof RuleRef r) {
            rules.add(r.rule());
            r.args().values().forEach(this::value);
            model.rule(r.rule()).ifPresent(rule -> entities.add(rule.entity()));
        } else if (f instanceof Within w) {
            time = true;
            if (!dateRanges.add(field(entity, w.field()) + "." + w.field())) {
                doubts.add("two time ranges for " + PlainWords.name(w.field()));
            }
            range(w.range());
        } else if (f instanceof Related r) {
            related = true;
            Optional<Navigation> nav = model.navigation(entity, r.via());
            String to = nav.map(Navigation::to).orElse(entity);
            entities.add(to);
            if (r.count().isNotExists()) {
                negation = true;
            } else if (!r.count().isExists()) {
                countCondition = true;
                operators.add(r.count().op());
                values.add(Long.toString(r.count().value()));
            }
            r.where().ifPresent(w -> filter(to, w, negated));
        } else if (f instanceof Compare c) {
            String owner = field(entity, c.field());
            operators.add(c.op());
            if (c.op() == Operator.NE || c.op() == Operator.IS_NULL || c.values().contains(Boolean.FALSE)) {
                negation = true;
            }
            c.values().forEach(this::value);
            model.entity(owner).flatMap(e -> e.field(last(c.field())))
                    .ifPresent(fd -> time |= fd.type().isTemporal() || ModelFacts.isYear(fd));
        }
    }

    private void range(TimeRange r) {
        if (r instanceof TimeRange.Last l) {
            values.add(Integer.toString(l.amount()));
        } else if (r instanceof TimeRange.Next n) {
            values.add(Integer.toString(n.amount()));
        } else if (r instanceof TimeRange.Calendar c) {
            values.add(Integer.toString(Math.abs(c.offset())));
        } else if (r instanceof TimeRange.Between b) {
            values.add(b.from().toString());
            values.add(b.to().toString());
            values.add(Integer.toString(b.from().getYear()));
            values.add(Integer.toString(b.to().getYear()));
        }
    }

    private void value(Object v) {
        if (v instanceof BigDecimal d) {
            values.add(d.stripTrailingZeros().toPlainString());
        } else {
            values.add(String.valueOf(v).toLowerCase(Locale.ROOT));
        }
    }

    /** Records a field path read from {@code entity}; returns the entity that owns the last step. */
    private String field(String entity, String path) {
        String owner = entity;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            Optional<Navigation> nav = model.navigation(owner, steps[i]);
            if (nav.isEmpty()) {
                break;
            }
            owner = nav.get().to();
            entities.add(owner);
        }
        fields.add(owner + "." + steps[steps.length - 1]);
        return owner;
    }

    private static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /**
     * Whether a field used is about {@code entity}: its count ({@code order_count}) or its key
     * ({@code member_id}), so that naming the entity ("more than 10 orders", "member M0042") is used.
     */
    boolean refersTo(String entity) {
        String word = Words.singular(Words.key(entity));
        for (String f : fields) {
            String name = f.substring(f.indexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (name.startsWith(word + "_") || name.endsWith("_" + word) || name.contains("_" + word + "_")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a string value compared with contains {@code word} (a name searched for). */
    boolean mentions(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String v : values) {
            if (v.equals(w) || (w.length() > 1 && v.contains(w))) {
                return true;
            }
        }
        return false;
    }
}
