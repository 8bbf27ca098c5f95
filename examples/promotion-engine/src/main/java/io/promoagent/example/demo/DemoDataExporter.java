package io.promoagent.example.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link DemoData} set as JSON lines, one file per table, and a {@code manifest.json} that records
 * the inputs and the row counts.
 *
 * <p>The output is byte-identical for identical data: keys in the order of DEMO-DATA.md's tables, absent
 * fields left out, dates as {@code YYYY-MM-DD}, money with two decimals, UTF-8 and {@code \n} line endings
 * whatever the platform.
 */
public final class DemoDataExporter {
    public static final String CUSTOMERS_FILE = "customers.jsonl";
    public static final String ORDERS_FILE = "orders.jsonl";
    public static final String PROMOTIONS_FILE = "promotions.jsonl";
    public static final String MANIFEST_FILE = "manifest.json";
    /** What the generator planted, kept apart from the tables so that nothing reading the data sees it. */
    public static final String TRUTH_FILE = "truth.jsonl";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private DemoDataExporter() {
    }

    /**
     * Writes the four files and the planted truth into the directory, creating it if needed and replacing files
     * already there.
     */
    public static void export(DemoData data, Path directory) throws IOException {
        Files.createDirectories(directory);
        writeLines(directory.resolve(CUSTOMERS_FILE), data.customers(), DemoDataExporter::writeCustomer);
        writeLines(directory.resolve(ORDERS_FILE), data.orders(), DemoDataExporter::writeOrder);
        writeLines(directory.resolve(PROMOTIONS_FILE), data.promotions(), DemoDataExporter::writePromotion);
        writeManifest(directory.resolve(MANIFEST_FILE), data);
        writeTruth(directory.resolve(TRUTH_FILE), data.truth());
    }

    /** One line per customer ({@code entity: customers}), then one per promotion that has run. */
    private static void writeTruth(Path file, DemoTruth truth) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = JSON.createGenerator(writer)) {
            json.setRootValueSeparator(null);
            for (DemoTruth.CustomerTruth customer : truth.customers()) {
                json.writeStartObject();
                json.writeStringField("entity", "customers");
                json.writeStringField("id", customer.id());
                json.writeStringField("cohort", customer.cohort().wireName());
                json.writeStringField("stage", customer.stage().wireName());
                json.writeStringField("stage_since", customer.stageSince().toString());
                json.writeEndObject();
                json.writeRaw('\n');
            }
            for (DemoTruth.PromotionTruth promotion : truth.promotions()) {
                json.writeStartObject();
                json.writeStringField("entity", "promotions");
                json.writeStringField("code", promotion.code());
                if (promotion.controlShare().isPresent()) {
                    json.writeFieldName("control_share");
                    json.writeNumber(BigDecimal.valueOf(promotion.controlShare().get()));
                }
                json.writeNumberField("members", promotion.members());
                json.writeNumberField("control", promotion.control());
                json.writeFieldName("true_uplift");
                json.writeNumber(BigDecimal.valueOf(promotion.trueUplift()).setScale(6, RoundingMode.HALF_UP));
                json.writeNumberField("incremental_orders", promotion.incremental());
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
    }

    @FunctionalInterface
    private interface RowWriter<T> {
        void write(JsonGenerator json, T row) throws IOException;
    }

    private static <T> void writeLines(Path file, List<T> rows, RowWriter<T> rowWriter) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = JSON.createGenerator(writer)) {
            json.setRootValueSeparator(null);
            for (T row : rows) {
                json.writeStartObject();
                rowWriter.write(json, row);
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
    }

    private static void writeCustomer(JsonGenerator json, Customer customer) throws IOException {
        json.writeStringField("id", customer.id());
        json.writeStringField("name", customer.name());
        json.writeStringField("email", customer.email());
        json.writeStringField("segment", customer.segment().wireName());
        writeMoney(json, "total_spent", customer.totalSpent());
        json.writeNumberField("order_count", customer.orderCount());
        writeDate(json, "join_date", customer.joinDate());
        writeDate(json, "last_order_date", customer.lastOrderDate());
        json.writeStringField("city", customer.city());
        json.writeStringField("country", customer.country());
        json.writeBooleanField("marketing_opt_in", customer.marketingOptIn());
        json.writeStringField("email_status", customer.emailStatus().wireName());
    }

    private static void writeOrder(JsonGenerator json, Order order) throws IOException {
        json.writeStringField("id", order.id());
        json.writeStringField("customer_id", order.customerId());
        writeDate(json, "order_date", order.orderDate());
        json.writeStringField("order_month", order.orderMonth());
        writeMoney(json, "total", order.total());
        writeMoney(json, "cost_of_goods", order.costOfGoods());
        json.writeStringField("status", order.status().wireName());
        json.writeStringField("channel", order.channel().wireName());
        writeString(json, "promotion_code", order.promotionCode());
        json.writeNumberField("items", order.items());
    }

    private static void writePromotion(JsonGenerator json, Promotion promotion) throws IOException {
        json.writeStringField("id", promotion.id());
        json.writeStringField("name", promotion.name());
        json.writeStringField("code", promotion.code());
        json.writeStringField("description", promotion.description());
        json.writeStringField("discount_type", promotion.discountType().wireName());
        writeMoney(json, "discount_value", promotion.discountValue());
        writeString(json, "audience_rule", promotion.audienceRule());
        writeMoney(json, "min_order_total", promotion.minOrderTotal());
        writeDate(json, "starts_at", promotion.startsAt());
        writeDate(json, "ends_at", promotion.endsAt());
        json.writeStringField("status", promotion.status().wireName());
        writeMoney(json, "budget", promotion.budget());
        writeMoney(json, "budget_used", promotion.budgetUsed());
        json.writeNumberField("max_redemptions", promotion.maxRedemptions());
        json.writeNumberField("per_customer_limit", promotion.perCustomerLimit());
        json.writeNumberField("redemptions", promotion.redemptions());
        json.writeBooleanField("exclusive", promotion.exclusive());
        json.writeNumberField("priority", promotion.priority());
        json.writeStringField("created_by", promotion.createdBy());
        writeDate(json, "created_at", promotion.createdAt());
        writeMoney(json, "control_share", promotion.controlShare());
    }

    private static void writeManifest(Path file, DemoData data) throws IOException {
        // Jackson's default indenter uses the platform's line separator; the manifest must not depend on it.
        DefaultPrettyPrinter prettyPrinter = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        prettyPrinter.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = JSON.createGenerator(writer)) {
            json.setPrettyPrinter(prettyPrinter);
            json.writeStartObject();
            json.writeNumberField("seed", data.seed());
            json.writeNumberField("customers", data.customerCount());
            writeDate(json, "now", data.now());
            json.writeObjectFieldStart("rows");
            json.writeNumberField(CUSTOMERS_FILE, data.customers().size());
            json.writeNumberField(ORDERS_FILE, data.orders().size());
            json.writeNumberField(PROMOTIONS_FILE, data.promotions().size());
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeMoney(JsonGenerator json, String field, BigDecimal amount) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(amount.setScale(2));
    }

    private static void writeMoney(JsonGenerator json, String field, Optional<BigDecimal> amount) throws IOException {
        if (amount.isPresent()) {
            writeMoney(json, field, amount.get());
        }
    }

    private static void writeDate(JsonGenerator json, String field, LocalDate date) throws IOException {
        json.writeStringField(field, date.toString());
    }

    private static void writeDate(JsonGenerator json, String field, Optional<LocalDate> date) throws IOException {
        if (date.isPresent()) {
            writeDate(json, field, date.get());
        }
    }

    private static void writeString(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        }
    }
}
