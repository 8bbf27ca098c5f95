package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.Suggestions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create_promotion}: proposes one new promotion, with defaults for what the request leaves out
 * and the impact estimate in the preview; its apply creates exactly that record, conditional on its key
 * being free.
 */
final class CreatePromotionTool implements WriteTool {

    static final String NAME = "create_promotion";

    private static final List<String> CREATABLE_STATUSES = List.of("draft", "scheduled", "active");

    private final DataModel model;
    private final PromotionCatalogue catalogue;
    private final ImpactEstimator estimator;
    private final ChangeSetApplier applier;
    private final Clock clock;
    private final PromotionSettings settings;
    private final List<String> audienceRules;
    private final boolean storesFilterAudiences;
    private final boolean storesControlShare;
    private final EffectForecaster forecaster;
    private final ToolDescriptor descriptor;

    CreatePromotionTool(DataModel model, PromotionCatalogue catalogue, ImpactEstimator estimator, RecordWriter writer,
                        Clock clock, PromotionSettings settings) {
        this.model = model;
        this.catalogue = catalogue;
        this.estimator = estimator;
        this.applier = new ChangeSetApplier(writer, catalogue, clock);
        this.clock = clock;
        this.settings = settings;
        this.audienceRules = model.rules().stream().filter(r -> r.entity().equals(PromotionCatalogue.CUSTOMERS))
                .map(Rule::name).toList();
        this.storesFilterAudiences = catalogue.promotionsEntity().field(PromotionRow.AUDIENCE_FILTER).isPresent();
        this.storesControlShare = catalogue.promotionsEntity().field(PromotionRow.CONTROL_SHARE).isPresent();
        this.forecaster = new EffectForecaster(catalogue, settings);
        this.descriptor = describe();
    }

    private ToolDescriptor describe() {
        ObjectNode s = JsonValues.objectSchema();
        JsonValues.enumProperty(s, "discount_type", "percent: a percentage off; fixed: an amount off; free_shipping: no shipping fee",
                List.of("percent", "fixed", "free_shipping"));
        JsonValues.property(s, "discount_value", "number",
                "Percent (1-100) or amount; none for free_shipping")
                .put("minimum", 0);
        if (!audienceRules.isEmpty()) {
            JsonValues.enumProperty(s, "audience_rule",
                    "Rule choosing who may use it; everyone when left out", audienceRules);
        }
        if (storesFilterAudiences) {
            JsonValues.property(s, "audience_filter", "object",
                    "Not with audience_rule: a customer filter (query syntax)");
        }
        if (storesControlShare) {
            JsonValues.property(s, "control_share", "number", "Audience share held out to measure the effect")
                    .put("minimum", Holdout.MIN_SHARE).put("maximum", Holdout.MAX_SHARE);
        }
        JsonValues.property(s, "name", "string", "Name; generated when left out")
                .put("maxLength", Promotion.MAX_NAME_LENGTH);
        JsonValues.property(s, "description", "string", "What it offers; generated when left out");
        JsonValues.property(s, "code", "string",
                "Code customers enter (upper case); generated when left out")
                .put("pattern", "^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$");
        JsonValues.property(s, "starts_at", "string", "First day; today when left out").put("format", "date");
        JsonValues.property(s, "ends_at", "string",
                "Last day; " + settings.defaultDurationDays() + " days after the start when left out")
                .put("format", "date");
        JsonValues.property(s, "min_order_total", "number", "Smallest order total it applies to").put("minimum", 0);
        JsonValues.property(s, "budget", "number", "Most discount money it may cost; the high cost estimate when left out")
                .put("minimum", 0);
        JsonValues.property(s, "max_redemptions", "integer", "Most uses in total; enough for the audience when left out")
                .put("minimum", 1);
        JsonValues.property(s, "per_customer_limit", "integer",
                "Most uses per customer; " + settings.defaultPerCustomerLimit() + " when left out").put("minimum", 1);
        JsonValues.property(s, "exclusive", "boolean", "Refuses to stack with other promotions; false when left out");
        JsonValues.property(s, "priority", "integer", "Higher applies first; " + settings.defaultPriority() + " when left out")
                .put("minimum", 0);
        JsonValues.enumProperty(s, "status",
                "Left out: active if it starts by today, else scheduled",
                CREATABLE_STATUSES);
        JsonValues.required(s, "discount_type");
        return ToolDescriptor.of(NAME,
                "Proposes a new promotion (a discount code) with its audience, predicted effect and overlaps; nothing "
                        + "exists until a person approves it.",
                s, ToolEffect.WRITE,
                "create", "new", "launch", "add", "start", "make", "set up", "introduce", "offer", "discount",
                "predict", "forecast", "simulate", "promotion", "promo", "deal", "coupon", "voucher", "code", "sale", "percent", "off");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ChangeSet propose(ToolCall call, ToolContext context) {
        Draft draft = draft(call, context);
        return changeSet(call, context)
                .summary("Create promotion " + draft.summary())
                .affected(AffectedRecord.create(PromotionCatalogue.PROMOTIONS, Map.of(PromotionRow.ID, draft.promotion().id()),
                        draft.row()))
                .preview(draft.preview())
                .build();
    }

    /**
     * The promotion a call describes, with its impact estimate and prediction, as both the proposal and the
     * dry run ({@code predict_promotion}) show it.
     *
     * @param summary what it would do, after the verb: "VIP20 (P0009): 20% off for VIP customers, ..."
     */
    record Draft(Promotion promotion, Row row, ObjectNode preview, String summary, Prediction prediction) {
    }

    /** Reads and checks the call's arguments, fills in the defaults and estimates the result. */
    Draft draft(ToolCall call, ToolContext context) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Arguments args = new Arguments(call.arguments());
        Request request = read(args, today);
        args.throwIfAny();

        List<StoredPromotion> stored = catalogue.all();
        List<String> defaults = new ArrayList<>();
        String code = request.code.orElse(null);
        if (code != null) {
            String wanted = code;
            Optional<StoredPromotion> holder = stored.stream().filter(p -> p.code().equalsIgnoreCase(wanted)).findFirst();
            if (holder.isPresent()) {
                Promotion p = holder.get().promotion();
                args.error(PromotionErrors.CODE_TAKEN, "code", "the code " + code + " already exists (promotion " + p.id()
                        + ", " + p.name() + ", " + p.status().jsonName()
                        + "); choose another code, or leave the code out to have one generated");
                args.throwIfAny();
            }
        } else {
            code = PromotionCodes.generate(settings, request.type, request.value, request.audience,
                    c -> stored.stream().anyMatch(p -> p.code().equalsIgnoreCase(c)));
            defaults.add("code generated from the pattern " + settings.codePattern());
        }
        long audienceSize = estimator.audienceSize(request.audience);
        int perCustomer = request.perCustomerLimit.orElse(settings.defaultPerCustomerLimit());
        int maxRedemptions = request.maxRedemptions.orElseGet(() -> roomForEveryone(audienceSize, perCustomer));
        if (request.maxRedemptions.isEmpty()) {
            defaults.add("max_redemptions " + maxRedemptions + ": the audience (" + audienceSize + ") × the per-customer limit, rounded up to 100");
        }
        request.defaults.forEach(defaults::add);
        String name = request.name.orElseGet(() -> defaultName(request));
        String description = request.description.orElseGet(() -> defaultDescription(request, name));
        String finalCode = code;

        Promotion draft = build(args, b -> b
                .id(nextId(stored))
                .name(name)
                .code(finalCode)
                .description(description)
                .discount(request.type, request.value)
                .audience(request.audience)
                .minOrderTotal(request.minOrderTotal.orElse(null))
                .window(request.startsAt, request.endsAt)
                .status(request.status)
                .budget(request.budget.orElse(BigDecimal.ZERO))
                .budgetUsed(BigDecimal.ZERO)
                .maxRedemptions(maxRedemptions)
                .perCustomerLimit(perCustomer)
                .redemptions(0)
                .exclusive(request.exclusive.orElse(false))
                .priority(request.priority.orElse(settings.defaultPriority()))
                .createdBy(context.principal().id())
                .createdAt(today)
                .controlShare(request.controlShare.orElse(null)));

        ImpactEstimate estimate = estimator.estimate(draft, stored, today);
        BigDecimal budget = request.budget.orElseGet(() -> estimate.suggestedBudget(settings.budgetStep()));
        if (request.budget.isEmpty()) {
            defaults.add("budget " + budget.toPlainString() + ": the high cost estimate rounded up to " + settings.budgetStep().toPlainString());
        }
        Promotion promotion = draft.toBuilder().budget(budget).build();
        Row row = promotion.toRow();

        ObjectNode preview = JsonValues.F.objectNode();
        preview.set("promotion", JsonValues.row(row));
        preview.set("impact", estimate.toJson(budget, request.budget.isPresent()));
        Prediction prediction = forecaster.predict(promotion, stored, today, estimate.audience().size());
        preview.set("prediction", prediction.toJson());
        ArrayNode filled = preview.putArray("defaults");
        defaults.forEach(filled::add);
        ArrayNode warnings = preview.putArray("warnings");
        warnings(promotion, estimate, budget).forEach(warnings::add);

        return new Draft(promotion, row, preview, summary(promotion, estimate) + prediction.summary(), prediction);
    }

    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        return applier.apply(approved);
    }

    /** The arguments, typed, with the dates, status and audience resolved; errors are left in {@code args}. */
    private Request read(Arguments args, LocalDate today) {
        Request r = new Request();
        Optional<String> typeName = args.string("discount_type");
        if (typeName.isEmpty() && !args.has("discount_type")) {
            args.error(ErrorCode.MISSING_PROPERTY, "discount_type", "'discount_type' is required: percent, fixed or free_shipping");
        }
        r.type = typeName.flatMap(t -> DiscountType.parse(t.toLowerCase(Locale.ROOT))).orElse(null);
        if (typeName.isPresent() && r.type == null) {
            args.error(ErrorCode.UNKNOWN_ENUM_VALUE, "discount_type", "'" + typeName.get() + "' is not one of percent, fixed, free_shipping",
                    Suggestions.rank(typeName.get(), List.of("percent", "fixed", "free_shipping")));
        }
        Optional<BigDecimal> value = args.number("discount_value");
        if (r.type != null) {
            if (value.isEmpty() && r.type != DiscountType.FREE_SHIPPING && !args.has("discount_value")) {
                args.error(ErrorCode.MISSING_PROPERTY, "discount_value", "'discount_value' is required for a " + r.type.jsonName()
                        + " discount");
            }
            r.value = value.orElse(BigDecimal.ZERO);
            Promotion.discountProblem(r.type, r.value).ifPresent(m -> args.error(PromotionErrors.INVALID_VALUE, "discount_value", m));
        }
        r.audience = audience(args);
        r.name = args.string("name");
        r.description = args.string("description");
        r.code = args.string("code").map(PromotionCodes::normalise);
        r.code.ifPresent(c -> {
            if (!Promotion.CODE.matcher(c).matches()) {
                args.error(PromotionErrors.INVALID_VALUE, "code", "a code has 3 to 32 letters, digits, '-' or '_', not '" + c + "'");
            }
        });
        Optional<LocalDate> starts = args.date("starts_at");
        Optional<LocalDate> ends = args.date("ends_at");
        r.startsAt = starts.orElse(today);
        if (starts.isEmpty()) {
            r.defaults.add("starts_at " + today + ": today");
        }
        r.endsAt = ends.orElse(r.startsAt.plusDays(settings.defaultDurationDays()));
        if (ends.isEmpty()) {
            r.defaults.add("ends_at " + r.endsAt + ": " + settings.defaultDurationDays() + " days after the start");
        }
        if (r.endsAt.isBefore(r.startsAt)) {
            args.error(PromotionErrors.INVALID_VALUE, "ends_at", "the end date " + r.endsAt + " is before the start date " + r.startsAt);
        } else if (r.endsAt.isBefore(today)) {
            args.error(PromotionErrors.INVALID_VALUE, "ends_at", "the end date " + r.endsAt + " has passed (today is " + today + ")");
        }
        r.minOrderTotal = args.number("min_order_total");
        r.budget = args.number("budget");
        r.maxRedemptions = args.integer("max_redemptions");
        r.perCustomerLimit = args.integer("per_customer_limit");
        r.exclusive = args.bool("exclusive");
        r.priority = args.integer("priority");
        r.controlShare = args.number("control_share");
        r.controlShare.ifPresent(share -> {
            if (!storesControlShare) {
                args.error(ErrorCode.UNKNOWN_PROPERTY, "control_share",
                        "this data model has no control_share field on promotions, so no control group can be kept");
            } else {
                Holdout.refusalOf(share.doubleValue())
                        .ifPresent(m -> args.error(PromotionErrors.INVALID_VALUE, "control_share", m));
            }
        });
        r.status = status(args, r.startsAt, today, r.defaults);
        return r;
    }

    private Audience audience(Arguments args) {
        Optional<String> rule = args.string("audience_rule");
        boolean hasFilter = args.has("audience_filter");
        if (rule.isPresent() && hasFilter) {
            args.error(PromotionErrors.INVALID_VALUE, "audience_filter", "give audience_rule or audience_filter, not both");
        }
        if (rule.isPresent()) {
            if (!audienceRules.contains(rule.get())) {
                args.error(ErrorCode.UNKNOWN_RULE, "audience_rule", "'" + rule.get() + "' is not a rule over customers",
                        Suggestions.rank(rule.get(), audienceRules));
                return Audience.everyone();
            }
            return Audience.rule(rule.get());
        }
        if (hasFilter) {
            if (!storesFilterAudiences) {
                args.error(ErrorCode.UNKNOWN_PROPERTY, "audience_filter", "this data model stores audiences as rule names only; use audience_rule",
                        audienceRules.isEmpty() ? List.of() : List.of("audience_rule"));
                return Audience.everyone();
            }
            try {
                Filter f = QueryJson.readFilter(args.node("audience_filter"), "$.audience_filter");
                return Audience.of(f);
            } catch (AgentException | IllegalArgumentException e) {
                args.error(ErrorCode.VALIDATION_FAILED, "audience_filter", "not a filter over customers: " + e.getMessage());
            }
        }
        return Audience.everyone();
    }

    private static PromotionStatus status(Arguments args, LocalDate starts, LocalDate today, List<String> defaults) {
        Optional<String> given = args.string("status");
        boolean started = !starts.isAfter(today);
        if (given.isEmpty()) {
            PromotionStatus s = started ? PromotionStatus.ACTIVE : PromotionStatus.SCHEDULED;
            defaults.add("status " + s.jsonName() + ": it starts " + (started ? "today or earlier" : "after today"));
            return s;
        }
        Optional<PromotionStatus> s = PromotionStatus.parse(given.get().toLowerCase(Locale.ROOT))
                .filter(x -> CREATABLE_STATUSES.contains(x.jsonName()));
        if (s.isEmpty()) {
            args.error(ErrorCode.UNKNOWN_ENUM_VALUE, "status", "a new promotion is draft, scheduled or active, not '" + given.get() + "'",
                    Suggestions.rank(given.get(), CREATABLE_STATUSES));
            return PromotionStatus.DRAFT;
        }
        if (s.get() == PromotionStatus.ACTIVE && !started) {
            args.error(PromotionErrors.INVALID_VALUE, "status", "it starts on " + starts + ", so it cannot be active today; make it scheduled");
        }
        if (s.get() == PromotionStatus.SCHEDULED && started) {
            args.error(PromotionErrors.INVALID_VALUE, "status", "it starts on " + starts + ", which is not after today; make it active");
        }
        return s.get();
    }

    private Promotion build(Arguments args, java.util.function.UnaryOperator<Promotion.Builder> spec) {
        try {
            return spec.apply(Promotion.builder()).build();
        } catch (InvalidPromotionException e) {
            for (InvalidPromotionException.Problem p : e.problems()) {
                args.error(PromotionErrors.INVALID_VALUE, p.field(), p.message());
            }
            args.throwIfAny();
            throw e;
        }
    }

    /** The next id after the highest {@code P} number in use, as wide as the widest (at least 4 digits). */
    static String nextId(List<StoredPromotion> stored) {
        long max = 0;
        int width = 4;
        for (StoredPromotion s : stored) {
            String id = s.promotion().id();
            if (id.length() > 1 && id.charAt(0) == 'P' && id.substring(1).chars().allMatch(Character::isDigit)) {
                max = Math.max(max, Long.parseLong(id.substring(1)));
                width = Math.max(width, id.length() - 1);
            }
        }
        String digits = Long.toString(max + 1);
        return "P" + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static int roomForEveryone(long audience, int perCustomer) {
        long n = Math.max(1, audience * perCustomer);
        long rounded = (n + 99) / 100 * 100;
        return (int) Math.min(Integer.MAX_VALUE, rounded);
    }

    private static String defaultName(Request r) {
        String name = Promotion.offer(r.type, r.value) + " for " + audienceLabel(r.audience);
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String defaultDescription(Request r, String name) {
        return name + " from " + r.startsAt + " to " + r.endsAt
                + r.minOrderTotal.map(m -> " on orders of " + PromotionRow.money(m).toPlainString() + " or more").orElse("") + ".";
    }

    /** "VIP customers" for rule vip, "lapsed customers" for lapsed_customer, "every customer" for everyone. */
    static String audienceLabel(Audience audience) {
        if (audience instanceof Audience.RuleAudience r) {
            List<String> words = new ArrayList<>();
            for (String w : r.rule().split("_")) {
                if (!w.isEmpty()) {
                    words.add(w.length() <= 3 ? w.toUpperCase(Locale.ROOT) : w);
                }
            }
            String last = words.isEmpty() ? "" : words.get(words.size() - 1).toLowerCase(Locale.ROOT);
            if (last.equals("customer") || last.equals("customers")) {
                words.set(words.size() - 1, "customers");
            } else {
                words.add("customers");
            }
            return String.join(" ", words);
        }
        return audience instanceof Audience.Everyone ? "every customer" : "selected customers";
    }

    private static String summary(Promotion p, ImpactEstimate e) {
        ImpactEstimate.Redemptions r = e.redemptions();
        return p.code() + " (" + p.id() + "): " + p.offer() + " for " + audienceLabel(p.audience())
                + ", " + p.startsAt() + " to " + p.endsAt() + ", " + p.status().jsonName() + "; " + e.audience().size()
                + (e.audience().size() == 1 ? " customer" : " customers") + " in the audience; expected " + r.base()
                + (r.base() == 1 ? " redemption" : " redemptions") + " (" + r.low() + " to " + r.high()
                + ") costing about " + e.cost().base().toPlainString() + " of a " + p.budget().toPlainString() + " budget"
                + (e.conflicts().isEmpty() ? "" : "; overlaps " + e.conflicts().size() + " live promotion"
                        + (e.conflicts().size() == 1 ? "" : "s"))
                + p.controlShare().map(share -> "; holds out " + share.movePointRight(2).stripTrailingZeros()
                        .toPlainString() + "% of the audience as a control group").orElse("");
    }

    private static List<String> warnings(Promotion p, ImpactEstimate e, BigDecimal budget) {
        List<String> w = new ArrayList<>();
        if (e.cost().high().compareTo(budget) > 0) {
            w.add("the high cost estimate " + e.cost().high().toPlainString() + " exceeds the budget " + budget.toPlainString()
                    + "; the promotion stops when its budget is spent");
        }
        if (e.audience().size() == 0) {
            w.add("no customer is in the audience today");
        }
        if (e.redemptions().comparables().isEmpty()) {
            w.add("no past promotion has run, so the expected redemptions and cost use the configured rate, not this "
                    + "shop's history: read them as a guess");
        }
        e.audience().reachable().filter(n -> n == 0 && e.audience().size() > 0)
                .ifPresent(n -> w.add("no customer in the audience may be e-mailed about it"));
        for (ImpactEstimate.Conflict c : e.conflicts()) {
            w.add(c.code() + ": " + c.note());
        }
        return w;
    }

    /** The typed arguments of one call. */
    private static final class Request {
        DiscountType type;
        BigDecimal value = BigDecimal.ZERO;
        Audience audience = Audience.everyone();
        Optional<String> name = Optional.empty();
        Optional<String> description = Optional.empty();
        Optional<String> code = Optional.empty();
        LocalDate startsAt;
        LocalDate endsAt;
        Optional<BigDecimal> minOrderTotal = Optional.empty();
        Optional<BigDecimal> budget = Optional.empty();
        Optional<Integer> maxRedemptions = Optional.empty();
        Optional<Integer> perCustomerLimit = Optional.empty();
        Optional<Boolean> exclusive = Optional.empty();
        Optional<Integer> priority = Optional.empty();
        Optional<BigDecimal> controlShare = Optional.empty();
        PromotionStatus status;
        final List<String> defaults = new ArrayList<>();
    }
}
