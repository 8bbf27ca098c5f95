package io.promoagent.email;

import io.promoagent.schema.source.Row;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who of an audience may be mailed: opted in, a deliverable address, not suppressed.
 *
 * <p>It reads the customer record through field names given at construction, so it fits any data model
 * that records consent ({@code marketing_opt_in}) and deliverability ({@code email_status}).
 *
 * @param emailField   the field holding the address
 * @param nameField    the field holding the display name
 * @param optInField   the boolean consent field
 * @param statusField  the deliverability field
 * @param okStatus     the value of {@code statusField} that means deliverable
 * @param suppressions addresses never mailed
 */
public record ConsentPolicy(String emailField, String nameField, String optInField, String statusField,
                            String okStatus, SuppressionList suppressions) {

    public ConsentPolicy {
        Objects.requireNonNull(emailField, "emailField");
        Objects.requireNonNull(nameField, "nameField");
        Objects.requireNonNull(optInField, "optInField");
        Objects.requireNonNull(statusField, "statusField");
        Objects.requireNonNull(okStatus, "okStatus");
        Objects.requireNonNull(suppressions, "suppressions");
    }

    /** The demo data model's fields: email, name, marketing_opt_in, email_status = ok. */
    public static ConsentPolicy demo(SuppressionList suppressions) {
        return new ConsentPolicy("email", "name", "marketing_opt_in", "email_status", "ok", suppressions);
    }

    /**
     * Splits customer records into recipients and skipped ones, each with its reason.
     *
     * @param customers the audience, in order
     */
    public Decision decide(List<Row> customers) {
        Map<Row, SkipReason> skipped = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Row> included = new java.util.ArrayList<>();
        for (Row c : customers) {
            Optional<SkipReason> reason = reason(c);
            if (reason.isEmpty() && !seen.add(String.valueOf(c.valueOrNull(emailField)).toLowerCase())) {
                reason = Optional.of(SkipReason.DUPLICATE);
            }
            if (reason.isPresent()) {
                skipped.put(c, reason.get());
            } else {
                included.add(c);
            }
        }
        return new Decision(included, skipped);
    }

    private Optional<SkipReason> reason(Row c) {
        Object address = c.valueOrNull(emailField);
        if (!(address instanceof String a) || !EmailAddress.isAddress(a)) {
            return Optional.of(SkipReason.NO_ADDRESS);
        }
        if (suppressions.contains(a)) {
            return Optional.of(SkipReason.SUPPRESSED);
        }
        Object status = c.valueOrNull(statusField);
        if (status != null && !okStatus.equals(status)) {
            String s = status.toString();
            if (s.startsWith("bounce")) {
                return Optional.of(SkipReason.BOUNCED);
            }
            if (s.startsWith("complain")) {
                return Optional.of(SkipReason.COMPLAINED);
            }
            return Optional.of(SkipReason.UNSUBSCRIBED);
        }
        if (!Boolean.TRUE.equals(c.valueOrNull(optInField))) {
            return Optional.of(SkipReason.NOT_OPTED_IN);
        }
        return Optional.empty();
    }

    /**
     * The outcome of a consent check.
     *
     * @param recipients the records that may be mailed, in order
     * @param skipped    the others, with why
     */
    public record Decision(List<Row> recipients, Map<Row, SkipReason> skipped) {

        public Decision {
            recipients = List.copyOf(recipients);
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }

        /** How many were skipped for each reason. */
        public Map<SkipReason, Integer> skippedByReason() {
            Map<SkipReason, Integer> counts = new java.util.EnumMap<>(SkipReason.class);
            skipped.values().forEach(r -> counts.merge(r, 1, Integer::sum));
            return counts;
        }
    }
}
