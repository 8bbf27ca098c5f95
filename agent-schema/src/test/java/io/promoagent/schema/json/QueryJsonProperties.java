package io.promoagent.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryGenerators.Names;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.QueryJsonSchema;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.SeededProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Properties of the IR's JSON form over random queries: what is written reads back equal, and a query
 * whose names come from a data model fits the JSON Schema generated for that model.
 */
class QueryJsonProperties {

    private static final Gen<Query> ANY_QUERIES = QueryGenerators.queries(Names.anyText());
    private static final Gen<Filter> ANY_FILTERS = QueryGenerators.filters(Names.anyText(), 4);

    @SeededProperty(cases = 500)
    void aQueryReadsBackEqualToTheQueryWritten(long seed) {
        Query query = ANY_QUERIES.next(new Random(seed));
        assertThat(QueryJson.read(QueryJson.write(query))).isEqualTo(query);
    }

    @SeededProperty(cases = 500)
    void aQueryReadFromItsTreeIsEqualToo(long seed) {
        Query query = ANY_QUERIES.next(new Random(seed));
        assertThat(QueryJson.read(QueryJson.toTree(query))).isEqualTo(query);
    }

    @SeededProperty(cases = 500)
    void aFilterReadsBackEqualToTheFilterWritten(long seed) {
        Filter filter = ANY_FILTERS.next(new Random(seed));
        assertThat(QueryJson.readFilter(QueryJson.write(filter))).isEqualTo(filter);
    }

    @SeededProperty(cases = 300)
    void aQueryOverTheDemoModelFitsItsSchema(long seed) {
        Query query = QueryGenerators.queries(Names.of(DemoShop.model())).next(new Random(seed));
        String json = QueryJson.write(query);
        assertThat(SchemaCheck.problems(DemoShop.model(), json)).as(json).isEmpty();
        assertThat(QueryJson.read(json)).isEqualTo(query);
    }

    @SeededProperty(cases = 100)
    void aQueryOverARandomModelFitsThatModelsSchema(long seed) {
        Random random = new Random(seed);
        DataModel model = RandomModels.model(random);
        String json = QueryJson.write(QueryGenerators.queries(Names.of(model)).next(random));
        assertThat(SchemaCheck.problems(model, json)).as(json).isEmpty();
    }

    @SeededProperty(cases = 50)
    void aQueryNamingAnEntityTheModelLacksDoesNotFit(long seed) {
        Random random = new Random(seed);
        DataModel model = RandomModels.model(random);
        Query query = QueryGenerators.queries(Names.of(model)).next(random);
        Query stranger = query.toBuilder().entity("x_" + query.entity()).build();
        assertThat(SchemaCheck.problems(model, QueryJson.write(stranger))).isNotEmpty();
    }

    @SeededProperty(cases = 50)
    void theSchemaNamesExactlyWhatAQueryMayName(long seed) {
        DataModel model = RandomModels.model(new Random(seed));
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

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
