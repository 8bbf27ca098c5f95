package io.promoagent.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Window;
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
import java.math.BigDecimal;
import java.util.Locale;

/** Writes the JSON form of the IR; {@link QueryReader} reads back exactly what this writes. */
final class QueryWriter {

    private static final JsonNodeFactory F = new JsonNodeFactory(true);

    private QueryWriter() {
    }

    static ObjectNode query(Query q) {
        ObjectNode n = F.objectNode();
        n.put("entity", q.entity());
        if (!q.fields().isEmpty()) {
            ArrayNode a = n.putArray("fields");
            q.fields().forEach(a::add);
        }
        q.where().ifPresent(w -> n.set("where", filter(w)));
        if (!q.groupBy().isEmpty()) {
            ArrayNode a = n.putArray("groupBy");
            for (GroupBy g : q.groupBy()) {
                if (g.expr().isPresent()) {
                    ObjectNode o = a.addObject();
                    o.set("expr", expr(g.expr().get()));
                    o.put("as", g.field());
                    continue;
                }
                ObjectNode o = a.addObject().put("field", g.field());
                g.truncate().ifPresent(u -> o.put("truncate", u.jsonName()));
            }
        }
        if (!q.aggregates().isEmpty()) {
            ArrayNode a = n.putArray("aggregates");
            for (Aggregate ag : q.aggregates()) {
                ObjectNode o = a.addObject();
                if (ag instanceof Aggregate.Measure m) {
                    o.put("measure", m.measure());
                    m.as().ifPresent(s -> o.put("as", s));
                } else if (ag instanceof Aggregate.Of of) {
                    o.put("fn", of.function().jsonName());
                    of.field().ifPresent(f -> o.put("field", f));
                    of.as().ifPresent(s -> o.put("as", s));
                } else if (ag instanceof Aggregate.Computed c) {
                    o.put("fn", c.function().jsonName());
                    // a field alone, with neither where nor p, is written as a value: it reads back as Computed
                    boolean plain = c.where().isEmpty() && c.percentile().isEmpty();
                    c.value().ifPresent(v -> {
                        if (v instanceof Expr.FieldRef f && !plain) {
                            o.put("field", f.field());
                        } else {
                            o.set("value", expr(v));
                        }
                    });
                    c.where().ifPresent(w -> o.set("where", filter(w)));
                    c.percentile().ifPresent(p -> o.put("p", p));
                    c.as().ifPresent(s -> o.put("as", s));
                } else if (ag instanceof Aggregate.Formula f) {
                    o.set("formula", expr(f.formula()));
                    o.put("as", f.as());
                }
            }
        }
        q.having().ifPresent(h -> n.set("having", filter(h)));
        if (!q.orderBy().isEmpty()) {
            ArrayNode a = n.putArray("orderBy");
            for (OrderBy o : q.orderBy()) {
                a.addObject().put("by", o.by()).put("direction", o.direction().name().toLowerCase(Locale.ROOT));
            }
        }
        q.limit().ifPresent(l -> n.put("limit", l));
        if (!q.select().isEmpty()) {
            ArrayNode a = n.putArray("select");
            for (Select s : q.select()) {
                ObjectNode o = a.addObject();
                o.set("expr", expr(s.expr()));
                s.as().ifPresent(x -> o.put("as", x));
            }
        }
        if (q.distinct()) {
            n.put("distinct", true);
        }
        if (!q.windows().isEmpty()) {
            ArrayNode a = n.putArray("windows");
            for (Window w : q.windows()) {
                ObjectNode o = a.addObject().put("fn", w.function().jsonName());
                w.of().ifPresent(x -> o.put("of", x));
                if (!w.partitionBy().isEmpty()) {
                    ArrayNode p = o.putArray("partitionBy");
                    w.partitionBy().forEach(p::add);
                }
                if (!w.orderBy().isEmpty()) {
                    ArrayNode ob = o.putArray("orderBy");
                    for (OrderBy x : w.orderBy()) {
                        ob.addObject().put("by", x.by()).put("direction", x.direction().name().toLowerCase(Locale.ROOT));
                    }
                }
                o.put("as", w.as());
            }
        }
        return n;
    }

    static ObjectNode expr(Expr e) {
        ObjectNode n = F.objectNode();
        if (e instanceof Expr.FieldRef f) {
            n.put("field", f.field());
        } else if (e instanceof Expr.Literal l) {
            n.set("value", scalar(l.value()));
        } else if (e instanceof Expr.Today) {
            n.put("today", true);
        } else if (e instanceof Expr.Column c) {
            n.put("column", c.name());
        } else if (e instanceof Expr.DatePart d) {
            n.put("datePart", d.part().jsonName());
            n.set("of", expr(d.of()));
        } else if (e instanceof Expr.Truncate t) {
            n.put("truncate", t.unit().jsonName());
            n.set("of", expr(t.of()));
        } else if (e instanceof Expr.Elapsed d) {
            ObjectNode o = n.putObject(d.jsonName());
            o.set("from", expr(d.from()));
            o.set("to", expr(d.to()));
        } else if (e instanceof Expr.Arithmetic a) {
            n.put("op", String.valueOf(a.op()));
            n.set("left", expr(a.left()));
            n.set("right", expr(a.right()));
        } else if (e instanceof Expr.Coalesce c) {
            ArrayNode a = n.putArray("coalesce");
            c.values().forEach(v -> a.add(expr(v)));
        } else if (e instanceof Expr.RelatedAggregate r) {
            n.put("related", r.via()).put("fn", r.function().jsonName());
            r.value().ifPresent(v -> n.set("value", expr(v)));
            r.where().ifPresent(w -> n.set("where", filter(w)));
        } else if (e instanceof Expr.Subquery q) {
            n.set("query", query(q.query()));
        }
        return n;
    }

    static ObjectNode filter(Filter f) {
        ObjectNode n = F.objectNode();
        if (f instanceof And a) {
            n.put("type", "and");
            ArrayNode ops = n.putArray("operands");
            a.operands().forEach(o -> ops.add(filter(o)));
        } else if (f instanceof Or o) {
            n.put("type", "or");
            ArrayNode ops = n.putArray("operands");
            o.operands().forEach(x -> ops.add(filter(x)));
        } else if (f instanceof Not not) {
            n.put("type", "not");
            n.set("operand", filter(not.operand()));
        } else if (f instanceof Compare c) {
            n.put("type", "compare").put("field", c.field()).put("op", c.op().jsonName());
            if (c.op() == Operator.BETWEEN || c.op() == Operator.IN) {
                ArrayNode vs = n.putArray("value");
                c.values().forEach(v -> vs.add(scalar(v)));
            } else if (c.op().maxValues() > 0) {
                n.set("value", scalar(c.value()));
            }
            if (c.ignoreCase()) {
                n.put("ignoreCase", true);
            }
        } else if (f instanceof Test t) {
            n.put("type", "test");
            n.set("left", expr(t.left()));
            n.put("op", t.op().jsonName());
            if (t.op() == Operator.BETWEEN || t.op() == Operator.IN) {
                ArrayNode vs = n.putArray("right");
                t.right().forEach(v -> vs.add(expr(v)));
            } else if (t.op().maxValues() > 0) {
                n.set("right", expr(t.right().get(0)));
            }
            if (t.ignoreCase()) {
                n.put("ignoreCase", true);
            }
        } else if (f instanceof Within w) {
            n.put("type", "within").put("field", w.field());
            n.set("range", timeRange(w.range()));
        } else if (f instanceof RuleRef r) {
            n.put("type", "rule").put("rule", r.rule());
            if (!r.args().isEmpty()) {
                ObjectNode args = n.putObject("args");
                r.args().forEach((k, v) -> args.set(k, scalar(v)));
            }
        } else if (f instanceof Related r) {
            n.put("type", "related").put("via", r.via());
            r.where().ifPresent(w -> n.set("where", filter(w)));
            if (r.count().isExists()) {
                n.put("exists", true);
            } else if (r.count().isNotExists()) {
                n.put("exists", false);
            } else {
                n.putObject("count").put("op", r.count().op().jsonName()).put("value", r.count().value());
            }
        }
        return n;
    }

    static ObjectNode timeRange(TimeRange r) {
        ObjectNode n = F.objectNode();
        if (r instanceof TimeRange.Last l) {
            n.put("type", "last").put("amount", l.amount()).put("unit", l.unit().jsonName());
        } else if (r instanceof TimeRange.Next x) {
            n.put("type", "next").put("amount", x.amount()).put("unit", x.unit().jsonName());
        } else if (r instanceof TimeRange.Calendar c) {
            n.put("type", "calendar").put("unit", c.unit().jsonName()).put("offset", c.offset());
        } else if (r instanceof TimeRange.RestOf ro) {
            n.put("type", "rest_of").put("unit", ro.unit().jsonName());
        } else if (r instanceof TimeRange.ToToday) {
            n.put("type", "to_today");
        } else if (r instanceof TimeRange.FromToday) {
            n.put("type", "from_today");
        } else if (r instanceof TimeRange.Between b) {
            n.put("type", "between").put("from", b.from().toString()).put("to", b.to().toString());
        }
        return n;
    }

    static JsonNode scalar(Object v) {
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        throw new IllegalArgumentException("not a scalar: " + v);
    }
}
