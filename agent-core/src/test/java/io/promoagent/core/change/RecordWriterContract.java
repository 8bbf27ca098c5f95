package io.promoagent.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordWriter} does, whatever its store: each implementation's test extends this and
 * says how to make a writer over two tables and read a record back.
 *
 * <p>{@code coupons} is versioned by content (it has no {@code version} field, and a hidden {@code note}
 * that takes no part in the version); {@code accounts} has an integer {@code version} field.
 */
public abstract class RecordWriterContract {

    protected static final DataModel MODEL = DataModel.builder()
            .source("main", "memory")
            .entity(Entity.builder("coupons").source("main").key("id")
                    .field("id", FieldType.STRING)
                    .field("code", FieldType.STRING)
                    .field("percent", FieldType.NUMBER)
                    .field("label", FieldType.STRING)
                    .field(Field.of("note", FieldType.STRING).withVisibility(Visibility.HIDDEN))
                    .build())
            .entity(Entity.builder("accounts").source("main").key("id")
                    .field("id", FieldType.STRING)
                    .field("balance", FieldType.NUMBER)
                    .field("version", FieldType.INTEGER)
                    .build())
            .build();
    protected static final Entity COUPONS = MODEL.requireEntity("coupons");
    protected static final Entity ACCOUNTS = MODEL.requireEntity("accounts");

    private RecordWriter writer;
    private int tokens;

    /** A writer over a store holding exactly these rows of {@code coupons} and {@code accounts}. */
    protected abstract RecordWriter newWriter(DataModel model, Map<String, List<Row>> rows);

    /** The record as stored now, read straight from the store. */
    protected abstract Optional<Row> read(String entity, Map<String, Object> key);

    @BeforeEach
    void newStore() {
        writer = newWriter(MODEL, Map.of(
                "coupons", List.of(coupon("K1", "SAVE10", "10.00", "hello"), coupon("K2", "SAVE20", "20", null)),
                "accounts", List.of(Row.of(Map.of("id", "A1", "balance", new BigDecimal("5"), "version", BigDecimal.valueOf(3))))));
    }

    protected static Row coupon(String id, String code, String percent, String note) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("code", code);
        v.put("percent", new BigDecimal(percent));
        v.put("label", "label of " + id);
        v.put("note", note);
        return Row.of(v);
    }

    protected static Map<String, Object> id(String id) {
        return Map.of("id", id);
    }

    private List<AffectedRecord> write(AffectedRecord... changes) {
        return writer.write(List.of(changes), "t-" + (++tokens));
    }

    private Row stored(String entity, String key) {
        return read(entity, id(key)).orElseThrow();
    }

    private String version(String entity, String key) {
        return RecordVersion.of(MODEL.requireEntity(entity), stored(entity, key));
    }

    @Test
    void createsARecordAndReturnsItWithItsVersion() {
        Row k3 = coupon("K3", "NEW", "15", null);

        List<AffectedRecord> done = write(AffectedRecord.create("coupons", id("K3"), k3));

        assertThat(stored("coupons", "K3").values()).containsAllEntriesOf(k3.values());
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo(AffectedRecord.Operation.CREATE);
            assertThat(r.before()).isEmpty();
            assertThat(r.after()).contains(stored("coupons", "K3"));
            assertThat(r.version()).contains(version("coupons", "K3"));
        });
    }

    @Test
    void refusesToCreateARecordWhoseKeyExistsAndNamesIt() {
        assertThatThrownBy(() -> write(AffectedRecord.create("coupons", id("K1"), coupon("K1", "OTHER", "5", null))))
                .isInstanceOfSatisfying(WriteConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.ALREADY_EXISTS);
                    assertThat(e.entity()).isEqualTo("coupons");
                    assertThat(e.key()).isEqualTo(id("K1"));
                    assertThat(e.getMessage()).contains("coupons", "K1");
                });
        assertThat(stored("coupons", "K1").valueOrNull("code")).isEqualTo("SAVE10");
    }

    @Test
    void updatesARecordAtThePreviewedVersionAndReturnsTheBeforeImage() {
        Row before = stored("coupons", "K1");
        Row after = coupon("K1", "SAVE10", "12", "hello");

        List<AffectedRecord> done = write(AffectedRecord.update("coupons", id("K1"), before, after, version("coupons", "K1")));

        assertThat(stored("coupons", "K1").valueOrNull("percent")).isEqualTo(new BigDecimal("12"));
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.before()).contains(before);
            assertThat(r.after()).contains(stored("coupons", "K1"));
            assertThat(r.version()).contains(version("coupons", "K1")).isNotEqualTo(Optional.of(RecordVersion.of(COUPONS, before)));
        });
    }

    @Test
    void refusesAnUpdateOfARecordThatChangedSinceThePreview() {
        Row before = stored("coupons", "K1");
        String previewed = version("coupons", "K1");
        write(AffectedRecord.update("coupons", id("K1"), before, coupon("K1", "SAVE10", "11", "hello"), previewed));

        assertThatThrownBy(() -> write(AffectedRecord.update("coupons", id("K1"), before,
                coupon("K1", "SAVE10", "99", "hello"), previewed)))
                .isInstanceOfSatisfying(WriteConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.VERSION_CHANGED);
                    assertThat(e.expectedVersion()).contains(previewed);
                });
        assertThat(stored("coupons", "K1").valueOrNull("percent")).isEqualTo(new BigDecimal("11"));
    }

    @Test
    void refusesAnUpdateOrDeleteOfARecordThatIsGone() {
        Row ghost = coupon("K9", "GHOST", "1", null);
        String v = RecordVersion.of(COUPONS, ghost);

        assertThatThrownBy(() -> write(AffectedRecord.update("coupons", id("K9"), ghost, ghost, v)))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> write(AffectedRecord.delete("coupons", id("K9"), ghost, v)))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.NOT_FOUND));
    }

    @Test
    void anUpdateRemovesFieldsTheAfterImageDropsAndKeepsFieldsNeitherImageNames() {
        Row full = stored("coupons", "K1");
        Row seen = full.project(List.of("id", "code", "percent", "label"));
        Row after = seen.project(List.of("id", "code", "percent"));

        write(AffectedRecord.update("coupons", id("K1"), seen, after, version("coupons", "K1")));

        Row now = stored("coupons", "K1");
        assertThat(now.values()).doesNotContainKey("label").containsEntry("note", "hello").containsEntry("code", "SAVE10");
    }

    @Test
    void deletesARecordAtThePreviewedVersionAndReturnsWhatItHeld() {
        Row before = stored("coupons", "K2");
        String v = version("coupons", "K2");

        List<AffectedRecord> done = write(AffectedRecord.delete("coupons", id("K2"), before, v));

        assertThat(read("coupons", id("K2"))).isEmpty();
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.before()).contains(before);
            assertThat(r.after()).isEmpty();
            assertThat(r.version()).contains(v);
        });
    }

    @Test
    void refusesADeleteOfARecordThatChanged() {
        Row before = stored("coupons", "K2");

        assertThatThrownBy(() -> write(AffectedRecord.delete("coupons", id("K2"), before, "sha256:not-this-one")))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.VERSION_CHANGED));
        assertThat(read("coupons", id("K2"))).isPresent();
    }

    @Test
    void writesNothingWhenAnyConditionFails() {
        Row k1 = stored("coupons", "K1");
        AffectedRecord create = AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null));
        AffectedRecord update = AffectedRecord.update("coupons", id("K1"), k1, coupon("K1", "SAVE10", "50", null),
                version("coupons", "K1"));
        AffectedRecord stale = AffectedRecord.delete("coupons", id("K2"), stored("coupons", "K2"), "sha256:stale");

        assertThatThrownBy(() -> write(create, update, stale)).isInstanceOf(WriteConflictException.class);

        assertThat(read("coupons", id("K3"))).isEmpty();
        assertThat(stored("coupons", "K1")).isEqualTo(k1);
        assertThat(read("coupons", id("K2"))).isPresent();
    }

    @Test
    void aRepeatWithTheSameTokenWritesNothingAgain() {
        List<AffectedRecord> changes = List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null)));

        List<AffectedRecord> first = writer.write(changes, "same-token");
        List<AffectedRecord> again = writer.write(changes, "same-token");

        assertThat(again).isEqualTo(first);
        assertThat(read("coupons", id("K3"))).isPresent();
    }

    @Test
    void tellsWhetherTheWriteOfATokenHappened() {
        writer.write(List.of(AffectedRecord.create("coupons", id("K5"), coupon("K5", "TOLD", "5", null))), "told-1");
        assertThatThrownBy(() -> writer.write(List.of(AffectedRecord.create("coupons", id("K1"),
                coupon("K1", "CLASH", "5", null))), "told-2")).isInstanceOf(WriteConflictException.class);

        assertThat(writer.written("told-1")).isEqualTo(WriteState.WRITTEN);
        assertThat(writer.written("told-2")).isNotEqualTo(WriteState.WRITTEN);
        assertThat(writer.written("never-used")).isNotEqualTo(WriteState.WRITTEN);
    }

    @Test
    void refusesATokenReusedForOtherChanges() {
        writer.write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null))), "token-1");

        assertThatThrownBy(() -> writer.write(List.of(AffectedRecord.create("coupons", id("K4"),
                coupon("K4", "NEWER", "15", null))), "token-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read("coupons", id("K4"))).isEmpty();
    }

    @Test
    void refusesMalformedChanges() {
        Row k1 = stored("coupons", "K1");
        List<List<AffectedRecord>> malformed = List.of(
                List.of(AffectedRecord.send("coupons", id("K1"))),
                List.of(AffectedRecord.update("coupons", id("K1"), k1, k1, null)),
                List.of(AffectedRecord.delete("coupons", id("K1"), k1, null)),
                List.of(AffectedRecord.create("coupons", Map.of("code", "X"), coupon("K5", "X", "1", null))),
                List.of(AffectedRecord.create("coupons", id("K5"), coupon("K6", "X", "1", null))),
                List.of(AffectedRecord.create("coupons", id("K5"), coupon("K5", "X", "1", null)),
                        AffectedRecord.delete("coupons", id("K5"), coupon("K5", "X", "1", null), "sha256:x")));
        for (List<AffectedRecord> changes : malformed) {
            assertThatThrownBy(() -> writer.write(changes, "t-malformed-" + (++tokens)))
                    .as("%s", changes).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(stored("coupons", "K1")).isEqualTo(k1);
        assertThat(read("coupons", id("K5"))).isEmpty();
    }

    @Test
    void aVersionedEntityCountsItsVersionWhateverTheAfterImageSays() {
        Row before = stored("accounts", "A1");
        Row after = Row.of(Map.of("id", "A1", "balance", new BigDecimal("7"), "version", BigDecimal.valueOf(99)));

        List<AffectedRecord> done = write(AffectedRecord.update("accounts", id("A1"), before, after, "3"));

        assertThat(stored("accounts", "A1").valueOrNull("version")).isEqualTo(BigDecimal.valueOf(4));
        assertThat(done.get(0).version()).contains("4");
        assertThatThrownBy(() -> write(AffectedRecord.update("accounts", id("A1"), before, after, "3")))
                .isInstanceOf(WriteConflictException.class);
    }

    @Test
    void aCreateOfAVersionedRecordStartsAtVersionOne() {
        List<AffectedRecord> done = write(AffectedRecord.create("accounts", id("A2"),
                Row.of(Map.of("id", "A2", "balance", BigDecimal.TEN))));

        assertThat(stored("accounts", "A2").valueOrNull("version")).isEqualTo(BigDecimal.ONE);
        assertThat(done.get(0).version()).contains("1");
    }

    @Test
    void theRecordsItReturnsUndoTheWriteWhenInvertedAsARollbackDoes() {
        Row k1 = stored("coupons", "K1");
        Row k2 = stored("coupons", "K2");
        List<AffectedRecord> done = write(
                AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null)),
                AffectedRecord.update("coupons", id("K1"), k1, coupon("K1", "SAVE10", "1", null), version("coupons", "K1")),
                AffectedRecord.delete("coupons", id("K2"), k2, version("coupons", "K2")));

        write(
                new AffectedRecord("coupons", id("K3"), AffectedRecord.Operation.DELETE, done.get(0).after(), Optional.empty(),
                        done.get(0).version()),
                new AffectedRecord("coupons", id("K1"), AffectedRecord.Operation.UPDATE, done.get(1).after(),
                        done.get(1).before(), done.get(1).version()),
                AffectedRecord.create("coupons", id("K2"), done.get(2).before().orElseThrow()));

        assertThat(read("coupons", id("K3"))).isEmpty();
        assertThat(stored("coupons", "K1")).isEqualTo(k1);
        assertThat(stored("coupons", "K2")).isEqualTo(k2);
    }
}
