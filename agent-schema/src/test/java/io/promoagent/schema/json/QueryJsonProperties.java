package io.promoagent.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryArbitraries.Names;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.QueryJsonSchema;
import io.promoagent.schema.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Properties of the IR's JSON form over random queries: what is written reads back equal, and a query
 * whose names come from a data model fits the JSON Schema generated for that model.
 */
class QueryJsonProperties {

    @Property(tries = 500)
    void aQueryReadsBackEqualToTheQueryWritten(@ForAll("anyQueries") Query query) {
        assertThat(QueryJson.read(QueryJson.write(query))).isEqualTo(query);
    }

    @Property(tries = 500)
    void aQueryReadFromItsTreeIsEqualToo(@ForAll("anyQueries") Query query) {
        assertThat(QueryJson.read(QueryJson.toTree(query))).isEqualTo(query);
    }

    @Property(tries = 500)
    void aFilterReadsBackEqualToTheFilterWritten(@ForAll("anyFilters") Filter filter) {
        assertThat(QueryJson.readFilter(QueryJson.write(filter))).isEqualTo(filter);
    }

    @Property(tries = 300)
    void aQueryOverTheDemoModelFitsItsSchema(@ForAll("demoQueries") Query query) {
        String json = QueryJson.write(query);
        assertThat(SchemaCheck.problems(DemoModel.get(), json)).as(json).isEmpty();
        assertThat(QueryJson.read(json)).isEqualTo(query);
    }

    @Property(tries = 100)
    void aQueryOverARandomModelFitsThatModelsSchema(@ForAll("modelsWithQueries") Tuple2<DataModel, Query> mq) {
        String json = QueryJson.write(mq.get2());
        assertThat(SchemaCheck.problems(mq.get1(), json)).as(json).isEmpty();
    }

    @Property(tries = 50)
    void aQueryNamingAnEntityTheModelLacksDoesNotFit(@ForAll("modelsWithQueries") Tuple2<DataModel, Query> mq) {
        Query stranger = mq.get2().toBuilder().entity("x_" + mq.get2().entity()).build();
        assertThat(SchemaCheck.problems(mq.get1(), QueryJson.write(stranger))).isNotEmpty();
    }

    @Property(tries = 50)
    void theSchemaNamesExactlyWhatAQueryMayName(@ForAll("models") DataModel model) {
        JsonNode schema = QueryJsonSchema.forModel(model);
        String text = QueryJsonSchema.asString(model);
        Set<String> visible = new LinkedHashSet<>();
        List<String> hidden = new ArrayList<>();
        List<String> uiValues = new ArrayList<>();
        for (Entity e : model.entities()) {
            for (Field f : e.fields()) {
                if (f.visibility() == Visibility.HIDDEN) {
                    hidden.add(f.name());
                } else {
                    visible.add(f.name());
                }
                if (f.visibility() != Visibility.MODEL && f.type() == FieldType.ENUM) {
                    f.values().stream().map(EnumValue::value).forEach(uiValues::add);
                }
            }
        }
        assertThat(strings(schema.at("/$defs/field/enum"))).containsExactlyElementsOf(visible);
        assertThat(strings(schema.at("/properties/entity/enum")))
                .containsExactlyElementsOf(model.entities().stream().map(Entity::name).toList());
        for (String name : hidden) {
            assertThat(text).doesNotContain(name);
        }
        for (String value : uiValues) {
            assertThat(text).doesNotContain(value);
        }
        assertThat(SchemaCheck.metaSchemaProblems(schema)).isEmpty();
    }

    @Provide
    Arbitrary<Query> anyQueries() {
        return QueryArbitraries.queries(Names.anyText());
    }

    @Provide
    Arbitrary<Filter> anyFilters() {
        return QueryArbitraries.filters(Names.anyText(), 4);
    }

    @Provide
    Arbitrary<Query> demoQueries() {
        return QueryArbitraries.queries(Names.of(DemoModel.get()));
    }

    @Provide
    Arbitrary<DataModel> models() {
        return RandomModels.models();
    }

    @Provide
    Arbitrary<Tuple2<DataModel, Query>> modelsWithQueries() {
        return RandomModels.models().flatMap(m -> QueryArbitraries.queries(Names.of(m)).map(q -> Tuple.of(m, q)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
