package io.promoagent.example.intel;

import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.test.DataFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A generated demo data set with its planted truth, exported and loaded into an in-memory query engine. */
record PlantedWorld(DemoData data, DataModel model, DataFixture fixture, QueryEngine engine, Clock clock) {
    static final DataModel MODEL =
            DataModelYaml.loadResource(PlantedWorld.class, "/io/promoagent/example/promotion-model.yaml");

    static PlantedWorld generate(long seed, int customers, LocalDate now) {
        DemoData data = DemoDataGenerator.generate(seed, customers, now);
        try {
            Path directory = Files.createTempDirectory("planted-world");
            DemoDataExporter.export(data, directory);
            DataFixture fixture = DataFixture.load(MODEL, directory);
            Clock clock = Clock.fixed(now.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            QueryEngine engine = QueryEngine.builder(MODEL).source(fixture.inMemorySource()).clock(clock).build();
            return new PlantedWorld(data, MODEL, fixture, engine, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
