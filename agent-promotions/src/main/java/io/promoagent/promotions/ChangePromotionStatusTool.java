package io.promoagent.promotions;

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
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.Suggestions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code change_promotion_status}: proposes moving one promotion along its lifecycle (pause, resume,
 * activate, schedule, expire) as one update with its before-image and version; refuses a move the
 * lifecycle does not allow, with the reason.
 */
final class ChangePromotionStatusTool implements WriteTool {

    static final String NAME = "change_promotion_status";

    private static final List<String> TARGETS = List.of("scheduled", "active", "paused", "expired");

    private final PromotionCatalogue catalogue;
    private final ChangeSetApplier applier;
    private final Clock clock;
    private final ToolDescriptor descriptor;

    ChangePromotionStatusTool(PromotionCatalogue catalogue, RecordWriter writer, Clock clock) {
        this.catalogue = catalogue;
        this.applier = new ChangeSetApplier(writer, catalogue, clock);
        this.clock = clock;
        ObjectNode s = JsonValues.objectSchema();
        JsonValues.property(s, "code", "string", "The promotion's code (SUMMER25); or give id");
        JsonValues.property(s, "id", "string", "The promotion's id (P0009); or give code");
        JsonValues.enumProperty(s, "status",
                "paused to pause, active to resume or activate, scheduled to publish a draft that starts later, expired to end it for good",
                TARGETS);
        JsonValues.required(s, "status");
        this.descriptor = ToolDescriptor.of(NAME,
                "Proposes a status change of one promotion, for approval: pause, resume, activate, schedule or expire it. "
                        + "Moves the lifecycle does not allow are refused with the reason.",
                s, ToolEffect.WRITE,
                "pause", "resume", "unpause", "activate", "reactivate", "restart", "expire", "stop", "end", "halt",
                "suspend", "cancel", "schedule", "publish", "status", "promotion", "promo", "discount", "code");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ChangeSet propose(ToolCall call, ToolContext context) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Arguments args = new Arguments(call.arguments());
        Optional<String> code = args.string("code").map(PromotionCodes::normalise);
        Optional<String> id = args.string("id");
        Optional<String> statusName = args.string("status");
        if (code.isEmpty() && id.isEmpty()) {
            args.error(ErrorCode.MISSING_PROPERTY, "code", "name the promotion by its code or its id");
        }
        Optional<PromotionStatus> target = statusName.flatMap(s -> PromotionStatus.parse(s.toLowerCase(Locale.ROOT)))
                .filter(s -> TARGETS.contains(s.jsonName()));
        if (statusName.isEmpty() && !args.has("status")) {
            args.error(ErrorCode.MISSING_PROPERTY, "status", "'status' is required: " + String.join(", ", TARGETS));
        } else if (statusName.isPresent() && target.isEmpty()) {
            args.error(ErrorCode.UNKNOWN_ENUM_VALUE, "status", "'" + statusName.get() + "' is not one of " + String.join(", ", TARGETS)
                    + (statusName.get().equalsIgnoreCase("draft") ? "; a published promotion cannot go back to draft" : ""),
                    Suggestions.rank(statusName.get(), TARGETS));
        }
        args.throwIfAny();

        StoredPromotion stored = find(args, code, id);
        Promotion before = stored.promotion();
        try {
            before.withStatus(target.get(), today);
        } catch (IllegalTransitionException e) {
            args.error(PromotionErrors.ILLEGAL_TRANSITION, "status", e.getMessage(),
                    before.status().next().stream().map(PromotionStatus::jsonName).toList());
            args.throwIfAny();
        }
        // only the status changes: every other stored value is kept exactly as read
        Map<String, Object> after = new LinkedHashMap<>(stored.row().values());
        after.put(PromotionRow.STATUS, target.get().jsonName());
        ObjectNode preview = JsonValues.F.objectNode();
        ObjectNode p = preview.putObject("promotion");
        p.put("id", before.id());
        p.put("code", before.code());
        p.put("name", before.name());
        p.put("offer", before.offer());
        p.put("starts_at", before.startsAt().toString());
        p.put("ends_at", before.endsAt().toString());
        p.put("redemptions", before.redemptions());
        preview.put("from", before.status().jsonName());
        preview.put("to", target.get().jsonName());
        preview.put("effect", effect(before, target.get()));
        return changeSet(call, context)
                .summary(verb(before.status(), target.get()) + " " + before.code() + " (" + before.name() + "): "
                        + before.status().jsonName() + " → " + target.get().jsonName())
                .affected(AffectedRecord.update(PromotionCatalogue.PROMOTIONS, Map.of(PromotionRow.ID, before.id()),
                        stored.row(), Row.of(after), stored.version()))
                .preview(preview)
                .build();
    }

    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        return applier.apply(approved);
    }

    private StoredPromotion find(Arguments args, Optional<String> code, Optional<String> id) {
        Optional<StoredPromotion> byCode = code.flatMap(catalogue::byCode);
        Optional<StoredPromotion> byId = id.flatMap(catalogue::byId);
        if (code.isPresent() && byCode.isEmpty()) {
            args.error(PromotionErrors.UNKNOWN_PROMOTION, "code", "no promotion has the code " + code.get(),
                    Suggestions.rank(code.get(), catalogue.all().stream().map(StoredPromotion::code).toList()));
        }
        if (id.isPresent() && byId.isEmpty()) {
            args.error(PromotionErrors.UNKNOWN_PROMOTION, "id", "no promotion has the id " + id.get(),
                    Suggestions.rank(id.get(), catalogue.all().stream().map(s -> s.promotion().id()).toList()));
        }
        if (byCode.isPresent() && byId.isPresent() && !byCode.get().promotion().id().equals(byId.get().promotion().id())) {
            args.error(PromotionErrors.INVALID_VALUE, "id", "the code " + code.get() + " belongs to " + byCode.get().promotion().id()
                    + ", not " + id.get() + "; give one of them");
        }
        args.throwIfAny();
        return byCode.or(() -> byId).orElseThrow();
    }

    private static String verb(PromotionStatus from, PromotionStatus to) {
        return switch (to) {
            case PAUSED -> "Pause";
            case ACTIVE -> from == PromotionStatus.PAUSED ? "Resume" : "Activate";
            case SCHEDULED -> "Schedule";
            case EXPIRED -> "Expire";
            case DRAFT -> "Return to draft";
        };
    }

    private static String effect(Promotion p, PromotionStatus to) {
        return switch (to) {
            case PAUSED -> "customers can no longer redeem " + p.code() + " until it is resumed";
            case ACTIVE -> "customers can redeem " + p.code() + " until " + p.endsAt();
            case SCHEDULED -> p.code() + " becomes redeemable on " + p.startsAt();
            case EXPIRED -> p.code() + " ends for good; it cannot be resumed";
            case DRAFT -> p.code() + " is withdrawn";
        };
    }
}
