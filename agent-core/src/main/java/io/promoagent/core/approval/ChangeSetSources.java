package io.promoagent.core.approval;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sources a change set writes: writes stay per source, because no store can make a write that spans
 * two of them atomic (a DynamoDB transaction cannot hold a PostgreSQL row).
 */
final class ChangeSetSources {

    private final DataModel model;

    ChangeSetSources(DataModel model) {
        this.model = model;
    }

    /**
     * Refuses a change set whose written records live in more than one source of the model. Records sent to
     * (an e-mail's recipients) are not written, and entities the model does not declare belong to no source.
     *
     * @throws ApprovalException {@link ApprovalException#CROSS_SOURCE}, naming the entities and their sources
     */
    void checkOneSource(ChangeSet changeSet) {
        Map<String, Set<String>> entitiesBySource = new LinkedHashMap<>();
        for (AffectedRecord r : changeSet.affected()) {
            if (r.operation() == AffectedRecord.Operation.SEND) {
                continue;
            }
            model.entity(r.entity()).map(Entity::source).ifPresent(source ->
                    entitiesBySource.computeIfAbsent(source, k -> new LinkedHashSet<>()).add(r.entity()));
        }
        if (entitiesBySource.size() > 1) {
            List<String> parts = new ArrayList<>();
            entitiesBySource.forEach((source, entities) -> parts.add(String.join(" and ", entities) + " in '" + source + "'"));
            throw new ApprovalException(ApprovalException.CROSS_SOURCE, "the change proposed by '" + changeSet.tool()
                    + "' writes records of " + entitiesBySource.size() + " sources (" + String.join(", ", parts)
                    + "), which no single write can make all-or-nothing; each change must stay within one source"
                    + " unless its tool declares how it is made safe");
        }
    }
}
