package io.promoagent.example.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A demo data set as the exporter wrote it, read back from its files the way a consumer would. */
record ExportedDemoData(
        Path directory,
        LocalDate now,
        List<JsonNode> customers,
        List<JsonNode> orders,
        List<JsonNode> promotions,
        JsonNode manifest) {

    /** Reads money as exact decimals, so that sums can be compared to the cent. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static ExportedDemoData export(long seed, int customers, LocalDate now, Path directory) {
        try {
            DemoDataExporter.export(DemoDataGenerator.generate(seed, customers, now), directory);
            return read(directory, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportedDemoData read(Path directory, LocalDate now) throws IOException {
        return new ExportedDemoData(directory, now,
                readLines(directory.resolve(DemoDataExporter.CUSTOMERS_FILE)),
                readLines(directory.resolve(DemoDataExporter.ORDERS_FILE)),
                readLines(directory.resolve(DemoDataExporter.PROMOTIONS_FILE)),
                JSON.readTree(directory.resolve(DemoDataExporter.MANIFEST_FILE).toFile()));
    }

    static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    String text(String fileName) {
        try {
            return Files.readString(directory.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, JsonNode> customersById() {
        return customers.stream().collect(Collectors.toMap(row -> row.get("id").asText(), Function.identity()));
    }

    Map<String, List<JsonNode>> ordersByCustomer() {
        return orders.stream().collect(Collectors.groupingBy(row -> row.get("customer_id").asText()));
    }
}
