package io.promoagent.core.change;

import java.util.List;

/**
 * Writes the records of an approved change set to the store they live in, each write conditional on the
 * record being as the change set previewed it: the SPI a write tool's {@code apply} calls, implemented
 * over memory ({@link InMemoryRecordStore}) and DynamoDB ({@code TransactWriteItems}).
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li><b>Operations.</b> Each change is a {@link AffectedRecord} of operation {@code CREATE},
 *       {@code UPDATE} or {@code DELETE}; its {@code key} holds exactly the entity's key fields.
 *       {@code SEND} is refused with an {@link IllegalArgumentException}, as are two changes to the same
 *       record in one call (DynamoDB refuses them in one transaction too).
 *       <ul>
 *         <li>{@code CREATE} stores the {@code after} image (whose key fields must equal the key). It is
 *             conditional on no record with that key existing.</li>
 *         <li>{@code UPDATE} is conditional on the record existing with the change's {@code version}. It
 *             sets every field of {@code after} and removes every field present in {@code before} but
 *             absent from {@code after}; fields in neither image are left as stored (so a tool that did
 *             not see a hidden field does not erase it). Key fields cannot change.</li>
 *         <li>{@code DELETE} is conditional on the record existing with the change's {@code version}.</li>
 *       </ul>
 *       An {@code UPDATE} or {@code DELETE} without a version is refused with an
 *       {@link IllegalArgumentException}: every such write is conditional.</li>
 *   <li><b>Versions</b> follow {@link RecordVersion}: for an entity with an integer {@code version} field
 *       the writer stores {@code version = 1} on a create whose image has none (or keeps the image's) and
 *       the stored version plus one on an update, whatever the {@code after} image says; otherwise the
 *       version is the content hash of the record, computed by {@link RecordVersion#of}.</li>
 *   <li><b>All or nothing.</b> When any condition fails nothing is written and a
 *       {@link WriteConflictException} names the first record whose condition failed and why. A writer
 *       that can write only so many records atomically (DynamoDB: 100 per transaction) refuses a longer
 *       list with a {@link io.promoagent.core.ToolException} rather than write part of it.</li>
 *   <li><b>Idempotency.</b> {@code idempotencyToken} (at most 36 characters; a change set id or approval
 *       id) identifies the write: a repeat of a call that succeeded, with the same token and the same
 *       changes, writes nothing again and succeeds (within at least ten minutes, DynamoDB's
 *       {@code ClientRequestToken} window). The same token with other changes is refused with an
 *       {@link IllegalArgumentException}.</li>
 *   <li><b>Asking after a write.</b> {@link #written} tells whether the write a token identifies happened,
 *       so that a process that crashed between a write and recording its outcome can find out after a
 *       restart ({@code ApprovalService.recover}). A writer that keeps its tokens durably (DynamoDB with a
 *       token table) answers {@link WriteState#WRITTEN} or {@link WriteState#NOT_WRITTEN}; one that keeps
 *       them in memory answers for the tokens it still remembers; {@link WriteState#UNKNOWN} otherwise.
 *       A repeat of a write the writer answers {@code WRITTEN} for returns its result without writing.</li>
 *   <li><b>Result.</b> The records as written, in the order of {@code changes}: the same entity, key and
 *       operation; {@code before} is the complete record read at write time (empty for a create);
 *       {@code after} is the record as stored (empty for a delete); {@code version} is the version the
 *       record has now (for a delete, the version it had when deleted). These are the before-images a
 *       rollback restores and the versions it is conditioned on.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface RecordWriter {

    /**
     * Performs the changes atomically, each conditional on the record being as previewed.
     *
     * @param changes          the records to create, update or delete; at least one
     * @param idempotencyToken identifies this write, so that a retry does not write twice
     * @return the records as written, with before-images and new versions, in the order given
     * @throws WriteConflictException when a record's condition fails; nothing was written
     * @throws IllegalArgumentException when a change is malformed (a send, no version, a wrong key)
     * @throws io.promoagent.core.ToolException when the store fails or cannot write the changes atomically
     */
    List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken);

    /**
     * Whether the write identified by {@code idempotencyToken} happened.
     *
     * @throws io.promoagent.core.ToolException when the store cannot be read
     */
    WriteState written(String idempotencyToken);
}
