package io.promoagent.email;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.ToolException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds who a send goes to through the query engine — customers by address, id or rule — and applies the
 * consent policy; finds the promotion an e-mail is about.
 */
final class Recipients {

    static final String ALLOW_LIST = "allow_list";
    private static final int BATCH = 100;

    private final QueryEngine engine;
    private final ConsentPolicy consent;
    private final EmailSettings settings;
    private final String keyField;

    Recipients(QueryEngine engine, ConsentPolicy consent, EmailSettings settings) {
        this.engine = engine;
        this.consent = consent;
        this.settings = settings;
        this.keyField = engine.model().requireEntity(SendEmailArguments.CUSTOMERS).key().partition();
    }

    /**
     * The recipients of a send and those skipped.
     *
     * @param included who may be mailed, in order
     * @param skipped  who may not, with why
     */
    record Resolved(List<Recipient> included, Map<Row, SkipReason> skipped) {
        Map<SkipReason, Integer> skippedByReason() {
            Map<SkipReason, Integer> counts = new java.util.EnumMap<>(SkipReason.class);
            skipped.values().forEach(r -> counts.merge(r, 1, Integer::sum));
            return counts;
        }
    }

    Resolved resolve(SendEmailArguments args) {
        Map<Object, Row> customers = new LinkedHashMap<>();
        List<Recipient> allowListed = new ArrayList<>();
        List<ToolError> errors = new ArrayList<>();
        for (int i = 0; i < args.to().size(); i++) {
            String to = args.to().get(i);
            if (EmailAddress.isAddress(to)) {
                EmailAddress address = EmailAddress.of(to);
                List<Row> found = customers(Compare.eq(consent.emailField(), address.address()));
                if (!found.isEmpty()) {
                    found.forEach(r -> customers.putIfAbsent(r.valueOrNull(keyField), r));
                } else if (settings.allowList().contains(address.address())) {
                    allowListed.add(new Recipient(ALLOW_LIST, address.address(), address, "there"));
                } else {
                    errors.add(new ToolError("unknown_recipient", "$.to[" + i + "]",
                            "'" + to + "' is not a customer's address and not on the allow-list", List.of()));
                }
            } else {
                List<Row> found = customers(Compare.eq(keyField, to));
                if (found.isEmpty()) {
                    errors.add(new ToolError("unknown_recipient", "$.to[" + i + "]",
                            "no customer has the id '" + to + "' (give an e-mail address or a customer id)", List.of()));
                }
                found.forEach(r -> customers.putIfAbsent(r.valueOrNull(keyField), r));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidArgumentsException(errors);
        }
        args.audienceRule().ifPresent(rule ->
                customers(RuleRef.of(rule)).forEach(r -> customers.putIfAbsent(r.valueOrNull(keyField), r)));
        args.audience().ifPresent(condition -> audience(condition).forEach(r -> customers.putIfAbsent(r.valueOrNull(keyField), r)));
        int total = customers.size() + allowListed.size();
        if (total > settings.maxRecipients()) {
            throw new ToolException("the send would reach " + total + " recipients; at most " + settings.maxRecipients() + " are allowed");
        }
        ConsentPolicy.Decision decision = consent.decide(new ArrayList<>(customers.values()));
        List<Recipient> included = new ArrayList<>();
        for (Row r : decision.recipients()) {
            included.add(recipient(r));
        }
        included.addAll(allowListed);
        return new Resolved(included, decision.skipped());
    }

    /**
     * The recipients named by the affected records of an approved change set, in the same order, read
     * again now.
     *
     * @throws StaleChangeException when a customer no longer exists or may no longer be e-mailed
     */
    List<Recipient> exactly(List<AffectedRecord> affected) {
        List<String> ids = affected.stream().filter(a -> a.entity().equals(SendEmailArguments.CUSTOMERS))
                .map(a -> String.valueOf(a.key().get(keyField))).toList();
        Map<String, Row> byId = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            for (Row r : customers(Compare.of(keyField, Operator.IN, batch.toArray()))) {
                byId.put(String.valueOf(r.valueOrNull(keyField)), r);
            }
        }
        // consent is decided again: an opt-out or a bounce between preview and apply stops the send
        ConsentPolicy.Decision decision = consent.decide(new ArrayList<>(byId.values()));
        if (!decision.skipped().isEmpty()) {
            Map.Entry<Row, SkipReason> first = decision.skipped().entrySet().iterator().next();
            throw new StaleChangeException(decision.skipped().size() + " approved recipient(s) may no longer be e-mailed (customer "
                    + first.getKey().valueOrNull(keyField) + ": " + first.getValue().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        List<Recipient> out = new ArrayList<>();
        for (AffectedRecord a : affected) {
            if (a.entity().equals(ALLOW_LIST)) {
                String address = String.valueOf(a.key().get("address"));
                out.add(new Recipient(ALLOW_LIST, address, EmailAddress.of(address), "there"));
            } else {
                Row r = byId.get(String.valueOf(a.key().get(keyField)));
                if (r == null) {
                    throw new StaleChangeException("customer " + a.key().get(keyField) + " no longer exists");
                }
                out.add(recipient(r));
            }
        }
        return out;
    }

    /** The key of a recipient's affected record: the customer's id, or the allow-listed address. */
    Map<String, Object> key(Recipient r) {
        return r.entity().equals(ALLOW_LIST) ? Map.of("address", r.address().address()) : Map.of(keyField, r.id());
    }

    /** The promotion with the code, or the newest active one for {@code newest}. */
    Row promotion(String codeOrNewest) {
        Query q = codeOrNewest.equalsIgnoreCase("newest")
                ? Query.builder("promotions").where(Compare.eq("status", "active"))
                        .orderBy(OrderBy.desc("starts_at"), OrderBy.desc("created_at")).limit(1).build()
                : Query.builder("promotions").where(Compare.eq("code", codeOrNewest.toUpperCase(Locale.ROOT))).limit(1).build();
        List<Row> rows = engine.execute(q).rows();
        if (rows.isEmpty()) {
            throw new InvalidArgumentsException(new ToolError("unknown_promotion", "$.promotion",
                    codeOrNewest.equalsIgnoreCase("newest") ? "no promotion is active" : "no promotion has the code '" + codeOrNewest + "'",
                    List.of()));
        }
        return rows.get(0);
    }

    /** The customers meeting a condition in the query IR's filter form; {@code {}} is every customer. */
    private List<Row> audience(com.fasterxml.jackson.databind.JsonNode condition) {
        Query.Builder q = Query.builder(SendEmailArguments.CUSTOMERS);
        try {
            if (condition.size() > 0) {
                q.where(io.promoagent.schema.json.QueryJson.readFilter(condition, "$.audience"));
            }
            return engine.execute(q.build()).rows();
        } catch (io.promoagent.schema.validate.InvalidQueryException e) {
            List<ToolError> errors = new ArrayList<>();
            e.errors().forEach(err -> errors.add(new ToolError(err.code().code(), err.path().startsWith("$.audience") ? err.path()
                    : "$.audience" + err.path().substring(1), err.message(), err.suggestions())));
            throw new InvalidArgumentsException(errors);
        }
    }

    private Recipient recipient(Row r) {
        return new Recipient(SendEmailArguments.CUSTOMERS, String.valueOf(r.valueOrNull(keyField)),
                EmailAddress.of(String.valueOf(r.valueOrNull(consent.emailField()))),
                PromotionEmail.firstName(r, consent.nameField()));
    }

    private List<Row> customers(Filter where) {
        List<Row> out = new ArrayList<>();
        out.addAll(engine.execute(Query.builder(SendEmailArguments.CUSTOMERS).where(where).build()).rows());
        return out;
    }
}
