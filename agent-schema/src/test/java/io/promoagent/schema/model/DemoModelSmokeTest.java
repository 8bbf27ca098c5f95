package io.promoagent.schema.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoModelSmokeTest {
    @Test
    void loadsTheDemoModel() {
        DataModel m = DataModelYaml.load(Path.of("../examples/promotion-engine/src/main/resources/io/promoagent/example/promotion-model.yaml"));
        assertThat(m.entities()).extracting(Entity::name).containsExactly("customers", "orders", "promotions");
    }
}
