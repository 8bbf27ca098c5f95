package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.testing.SeededProperty;
import io.promoagent.schema.testing.StreamCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Random typed queries over the demo data model (rules, relative time ranges, related-record conditions,
 * order, limit, aggregation) give exactly the reference evaluator's result when the query engine runs
 * them over the DynamoDB source on DynamoDB Local.
 */
class EngineOverDynamoDbProperties {

    private static final Map<String, List<String>> RULES = Map.of(
            "customers", List.of("vip", "premium", "new_customer", "lapsed_customer", "reachable"),
            "orders", List.of("recent_orders"),
            "promotions", List.of("active_promotion"));

    private static DataModel model;
    private static Map<String, List<Row>> data;
    private static DynamoDbDataSource source;
    private static QueryEngine engine;
    private static ReferenceEvaluator reference;

    @BeforeAll
    static void load() {
        DynamoDbClient client = LocalDynamoDb.client();
        model = DemoModel.withTablePrefix("prop_engine_");
        DynamoDbTables.create(client, model);
        Map<String, List<Row>> rows = RandomShopData.generate(model, 42L,
                Map.of("customers", 100, "orders", 400, "promotions", 25), false);
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, rows.get(e.name()));
        }
        data = DemoModel.dataset(client, model);
        source = DynamoDbDataSource.builder(client).id("dynamodb").build();
        engine = QueryEngine.builder(model).source(source).clock(DemoModel.CLOCK).build();
        reference = new ReferenceEvaluator(model, DemoModel.CLOCK);
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @SeededProperty(cases = 250)
    void engineOverDynamoDbGivesTheReferenceResult(long seed) {
        Random random = new Random(seed);
        Query query = query(random);
        String description = QueryJson.write(query);
        QueryResult actual = StreamCheck.executed(engine, query);
        QueryResult expected = reference.evaluate(query, data);
        assertThat(actual.columns()).as(description).isEqualTo(expected.columns());
        if (!query.isAggregate() && query.limit().isPresent() && query.orderBy().isEmpty()) {
            // Any `limit` of the matching records is a right answer when no order is asked for.
            QueryResult all = reference.evaluate(query.toBuilder().noLimit().build(), data);
            assertThat(actual.rows()).as(description).hasSize(expected.rows().size());
            assertThat(all.rows()).as(description).containsAll(actual.rows());
        } else if (!query.orderBy().isEmpty()) {
            assertThat(actual.rows()).as(description).containsExactlyElementsOf(expected.rows());
        } else {
            assertThat(actual.rows()).as(description).containsExactlyInAnyOrderElementsOf(expected.rows());
        }
    }

    private static Query query(Random random) {
        Entity entity = model.entities().get(random.nextInt(model.entities().size()));
        Query.Builder q = Query.builder(entity.name());
        Filter where = where(entity, random, 1);
        if (where != null) {
            q.where(where);
        }
        if (random.nextInt(5) == 0) {
            aggregate(entity, random, q);
            return q.build();
        }
        if (random.nextBoolean()) {
            for (Field f : entity.fields()) {
                if (random.nextInt(4) == 0) {
                    q.fields(f.name());
                }
            }
        }
        if (random.nextBoolean()) {
            Field f = entity.fields().get(random.nextInt(entity.fields().size()));
            q.orderBy(new OrderBy(f.name(), random.nextBoolean() ? Direction.ASC : Direction.DESC));
            // The key last makes the order total, so that an ordered limit has one right answer.
            if (!f.name().equals(entity.key().partition())) {
                q.orderBy(OrderBy.asc(entity.key().partition()));
            }
        }
        if (random.nextInt(3) == 0) {
            q.limit(1 + random.nextInt(15));
        }
        return q.build();
    }

    private static void aggregate(Entity entity, Random random, Query.Builder q) {
        List<Field> groupable = entity.fields().stream()
                .filter(f -> f.type() == FieldType.ENUM || f.type() == FieldType.DATE || f.type() == FieldType.BOOLEAN)
                .toList();
        Field g = groupable.get(random.nextInt(groupable.size()));
        GroupBy groupBy = g.type() == FieldType.DATE ? GroupBy.of(g.name(), CalendarUnit.MONTH) : GroupBy.of(g.name());
        q.groupBy(groupBy);
        q.aggregate(new Aggregate.Of(AggregateFunction.COUNT, Optional.empty(), Optional.empty()));
        List<Field> numbers = entity.fields().stream().filter(f -> f.type().isNumeric()).toList();
        if (!numbers.isEmpty()) {
            Field n = numbers.get(random.nextInt(numbers.size()));
            AggregateFunction fn = List.of(AggregateFunction.SUM, AggregateFunction.MIN, AggregateFunction.MAX)
                    .get(random.nextInt(3));
            q.aggregate(new Aggregate.Of(fn, Optional.of(n.name()), Optional.empty()));
        }
        q.orderBy(OrderBy.asc(groupBy.alias()));
    }

    /** A valid filter: random comparisons, rules, relative time ranges and related-record conditions. */
    private static Filter where(Entity entity, Random random, int depth) {
        List<Filter> operands = new ArrayList<>();
        int shape = random.nextInt(10);
        if (shape < 6) {
            operands.add(new RandomFilters(entity, data.get(entity.name()), random, true).filter());
        }
        if (random.nextInt(3) == 0) {
            List<String> rules = RULES.get(entity.name());
            String rule = rules.get(random.nextInt(rules.size()));
            boolean parameterised = rule.equals("recent_orders") || rule.equals("new_customer") || rule.equals("lapsed_customer");
            operands.add(parameterised && random.nextBoolean()
                    ? RuleRef.of(rule, "days", 1 + random.nextInt(120)) : RuleRef.of(rule));
        }
        if (random.nextInt(4) == 0) {
            operands.add(relativeTime(entity, random));
        }
        if (depth > 0 && random.nextInt(3) == 0) {
            Filter related = related(entity, random, depth - 1);
            operands.add(random.nextInt(5) == 0 ? new Not(related) : related);
        }
        if (operands.isEmpty()) {
            return shape == 9 ? null : new RandomFilters(entity, data.get(entity.name()), random, true).any(2);
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private static Filter relativeTime(Entity entity, Random random) {
        List<Field> dates = entity.fields().stream().filter(f -> f.type() == FieldType.DATE).toList();
        Field d = dates.get(random.nextInt(dates.size()));
        TimeRange range = switch (random.nextInt(3)) {
            case 0 -> new TimeRange.Last(1 + random.nextInt(90), CalendarUnit.DAY);
            case 1 -> new TimeRange.Calendar(CalendarUnit.MONTH, -random.nextInt(3));
            default -> new TimeRange.Calendar(CalendarUnit.QUARTER, -random.nextInt(2));
        };
        return new Within(d.name(), range);
    }

    private static Filter related(Entity entity, Random random, int depth) {
        List<Navigation> navigations = new ArrayList<>(model.navigations(entity.name()).values());
        if (navigations.isEmpty()) {
            return RuleRef.of(RULES.get(entity.name()).get(0));
        }
        Navigation nav = navigations.get(random.nextInt(navigations.size()));
        Entity target = model.requireEntity(nav.to());
        Filter inner = where(target, random, depth);
        CountCondition count = switch (random.nextInt(nav.toMany() ? 4 : 2)) {
            case 0 -> CountCondition.exists();
            case 1 -> CountCondition.notExists();
            case 2 -> new CountCondition(Operator.GT, random.nextInt(4));
            default -> new CountCondition(Operator.GTE, 1 + random.nextInt(3));
        };
        return new Related(nav.name(), Optional.ofNullable(inner), count);
    }
}
