package io.promoagent.core.approval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The id a person means by the start of one: pages and terminals show ids cut to 8 characters, so a prefix
 * of at least 8 that starts exactly one id stands for it. A whole id is looked up first, so the full list is
 * read only for a prefix.
 */
final class IdPrefix {

    /** The fewest characters a prefix must have: 8 hexadecimal digits of a random id rarely repeat. */
    static final int MIN_LENGTH = 8;

    private IdPrefix() {
    }

    /**
     * The whole id {@code given} stands for: itself when a record has it (or when nothing starts with it, so
     * that the caller refuses it as unknown), else the one id it starts.
     *
     * @param what "approval" or "change set", for the messages
     * @throws ApprovalException {@code id_too_short} or {@code ambiguous_id}
     */
    static String resolve(String given, Optional<ApprovalRecord> exact, Supplier<List<ApprovalRecord>> all,
                          Function<ApprovalRecord, String> id, String what) {
        if (exact.isPresent()) {
            return given;
        }
        String prefix = given.trim().toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_LENGTH) {
            throw new ApprovalException(ApprovalException.ID_TOO_SHORT, "'" + given + "' is too short for an " + what
                    + " id: give at least " + MIN_LENGTH + " characters of it, or all of it");
        }
        List<String> matching = all.get().stream().map(id).distinct()
                .filter(i -> i.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        if (matching.size() > 1) {
            throw new ApprovalException(ApprovalException.AMBIGUOUS_ID, "'" + given + "' starts " + matching.size() + " "
                    + what + " ids (" + matching.stream().limit(3).collect(Collectors.joining(", "))
                    + (matching.size() > 3 ? ", ..." : "") + "); give more characters");
        }
        return matching.isEmpty() ? given : matching.get(0);
    }
}
