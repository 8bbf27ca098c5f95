package io.promoagent.dynamodb.write;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies an approved {@link ChangeSet} to DynamoDB with a {@link DynamoDbWriter}: its creates, updates
 * and deletes in one transaction whose idempotency token is the change set's id, each conditioned on the
 * record being as previewed (its version, else its previewed values). The result carries the
 * before-images read at write time, for rollback.
 */
public final class ChangeSetWriter {

    private final DynamoDbWriter writer;
    private final DataModel model;

    public ChangeSetWriter(DynamoDbClient client, DataModel model) {
        this.writer = new DynamoDbWriter(client);
        this.model = model;
    }

    /** Writes the change set. See {@link DynamoDbWriter#write} for the exceptions. */
    public ApplyResult apply(ChangeSet changeSet) {
        List<ItemWrite> writes = writes(changeSet, model);
        WriteResult result = writer.write(writes, changeSet.id());
        List<AffectedRecord> applied = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int deleted = 0;
        for (WrittenItem w : result.items()) {
            String entity = w.write().entity().name();
            Optional<String> version = w.after().flatMap(a -> a.get(ItemWrites.VERSION)).map(ItemWrites::text);
            if (w.write() instanceof ItemWrite.Create) {
                created++;
                applied.add(new AffectedRecord(entity, w.write().key(), AffectedRecord.Operation.CREATE,
                        Optional.empty(), w.after(), version));
            } else if (w.write() instanceof ItemWrite.Update) {
                updated++;
                applied.add(new AffectedRecord(entity, w.write().key(), AffectedRecord.Operation.UPDATE,
                        w.before(), w.after(), version));
            } else {
                deleted++;
                applied.add(new AffectedRecord(entity, w.write().key(), AffectedRecord.Operation.DELETE,
                        w.before(), Optional.empty(), Optional.empty()));
            }
        }
        String summary = "Wrote " + applied.size() + (applied.size() == 1 ? " record" : " records") + " in one transaction ("
                + created + " created, " + updated + " updated, " + deleted + " deleted)";
        return new ApplyResult(changeSet.id(), applied, summary);
    }

    /** The DynamoDB writes of a change set's affected records. */
    public static List<ItemWrite> writes(ChangeSet changeSet, DataModel model) {
        List<ItemWrite> out = new ArrayList<>();
        for (AffectedRecord r : changeSet.affected()) {
            Entity entity = model.entity(r.entity()).orElseThrow(() -> new DataSourceException(
                    "change set " + changeSet.id() + " affects '" + r.entity() + "', which the data model does not declare"));
            String version = r.version().orElse(null);
            switch (r.operation()) {
                case CREATE:
                    out.add(ItemWrite.create(entity, r.after().orElseThrow(() -> missing(changeSet, r, "after"))));
                    break;
                case UPDATE: {
                    Row before = r.before().orElseThrow(() -> missing(changeSet, r, "before"));
                    Row after = r.after().orElseThrow(() -> missing(changeSet, r, "after"));
                    out.add(ItemWrite.update(entity, before, after, version));
                    break;
                }
                case DELETE:
                    out.add(ItemWrite.delete(entity, r.before().orElseThrow(() -> missing(changeSet, r, "before")), version));
                    break;
                default:
                    throw new DataSourceException("change set " + changeSet.id() + " sends to " + r.entity() + " "
                            + r.key() + "; DynamoDB only creates, updates and deletes records");
            }
        }
        return out;
    }

    private static DataSourceException missing(ChangeSet changeSet, AffectedRecord r, String image) {
        return new DataSourceException("change set " + changeSet.id() + ": the " + r.operation().jsonName() + " of "
                + r.entity() + " " + r.key() + " has no " + image + "-image");
    }
}
