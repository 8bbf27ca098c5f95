package io.promoagent.core.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ApprovalStore} in one process's memory. */
public final class InMemoryApprovalStore implements ApprovalStore {

    private final Map<String, ApprovalRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized void create(ApprovalRecord record) {
        if (records.putIfAbsent(record.approvalId(), record) != null) {
            throw new ApprovalException(ApprovalException.DUPLICATE_APPROVAL, "approval " + record.approvalId() + " exists");
        }
    }

    @Override
    public synchronized Optional<ApprovalRecord> find(String approvalId) {
        return Optional.ofNullable(records.get(approvalId));
    }

    @Override
    public synchronized Optional<ApprovalRecord> findByChangeSet(String changeSetId) {
        return records.values().stream().filter(r -> r.changeSet().id().equals(changeSetId)).findFirst();
    }

    @Override
    public synchronized boolean replace(ApprovalRecord expected, ApprovalRecord next) {
        ApprovalRecord current = records.get(expected.approvalId());
        if (current == null || current.revision() != expected.revision()) {
            return false;
        }
        records.put(next.approvalId(), next);
        return true;
    }

    @Override
    public synchronized List<ApprovalRecord> list() {
        return new ArrayList<>(records.values());
    }

    /** Puts a record as given, bypassing every check: for tests that tamper with storage. */
    synchronized void overwrite(ApprovalRecord record) {
        records.put(record.approvalId(), record);
    }
}
