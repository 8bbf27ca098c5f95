package io.promoagent.test;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.WriteTool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks a write or send tool against the rule every tool keeps: <b>what apply does is exactly what was
 * previewed, or nothing</b>. For each "world change" the tool author declares, in a fresh world, the harness
 * proposes the change, changes the world, approves and applies through the real {@link ApprovalService},
 * and then checks the world: either the apply succeeded and the world is the world before the apply with
 * exactly the previewed change done, or the apply was refused and the world is exactly as before it.
 *
 * <pre>{@code
 * ApplyMatchesPreviewHarness<Demo, RecordSnapshot> harness = ApplyMatchesPreviewHarness.<Demo, RecordSnapshot>builder(Demo::new)
 *         .approvals(demo -> demo.approvals)
 *         .call(demo -> demo.pauseTool, ToolCall.of("change_promotion_status", args))
 *         .observe(demo -> RecordSnapshot.of(model, demo.store::rows, "promotions"))
 *         .expect((demo, changeSet, before) -> before.applying(changeSet))
 *         .mustRefuse("the promotion was paused by someone else", demo -> demo.pause("SUMMER25"))
 *         .mustApply("another promotion was renamed", demo -> demo.rename("VIP25", "VIP sale"))
 *         .build();
 *
 * @TestFactory
 * Stream<DynamicTest> applyIsThePreviewOrNothing() {
 *     return harness.dynamicTests();
 * }
 * }</pre>
 *
 * <p>A case "nothing changed", which must apply, is always run first. {@link Builder#change} declares a
 * change after which either outcome is acceptable (but still checked); {@link Builder#mustRefuse} one the
 * tool must notice; {@link Builder#mustApply} one that does not concern the change and must not stop it.
 * Changes land after the proposal and before the approval; with {@link Builder#racing} each runs a second
 * time landing as the tool's apply starts, after every check of the approval service (see
 * {@link ChangeAtApply}).
 *
 * @param <W> the world: a fixture holding the stores, the tools and the approval service, fresh per case
 * @param <S> what the harness observes of the world (records, messages sent): a value compared with equals
 */
public final class ApplyMatchesPreviewHarness<W, S> {

    /** Whether a declared world change must be refused, must be applied, or may be either. */
    private enum Expected {
        APPLY, REFUSE, EITHER
    }

    /** Proposes the change under test in a world and returns its ticket (for example through {@link Steps#submit}). */
    @FunctionalInterface
    public interface Proposal<W> {
        ApprovalTicket propose(W world, Steps steps);
    }

    /** What the world should look like after applying exactly {@code previewed} to {@code before}. */
    @FunctionalInterface
    public interface Expectation<W, S> {
        S afterApplying(W world, ChangeSet previewed, S before);
    }

    /**
     * What happened in one case.
     *
     * @param change  the world change's name
     * @param applied whether the apply succeeded
     * @param refusal the refusal's code and message when it did not
     * @param problem what broke the rule (or the declared expectation), when something did
     */
    public record Outcome(String change, boolean applied, Optional<String> refusal, Optional<String> problem) {

        public boolean holds() {
            return problem.isEmpty();
        }

        @Override
        public String toString() {
            return change + ": " + (applied ? "applied" : "refused (" + refusal.orElse("") + ")")
                    + problem.map(p -> " — FAILS: " + p).orElse("");
        }
    }

    /** Helpers a {@link Proposal} uses: the approval service, the two people, their contexts. */
    public static final class Steps {
        private final ApprovalService approvals;
        private final Principal requester;
        private final Principal approver;
        private final Clock clock;

        Steps(ApprovalService approvals, Principal requester, Principal approver, Clock clock) {
            this.approvals = approvals;
            this.requester = requester;
            this.approver = approver;
            this.clock = clock;
        }

        public ApprovalService approvals() {
            return approvals;
        }

        public Principal requester() {
            return requester;
        }

        /** A fresh context of the requester. */
        public ToolContext requesterContext() {
            return ToolContext.of(requester, clock);
        }

        /** A fresh context of the approver. */
        public ToolContext approverContext() {
            return ToolContext.of(approver, clock);
        }

        /** Submits a change set the requester proposed. */
        public ApprovalTicket submit(ChangeSet changeSet) {
            return approvals.submit(changeSet, requesterContext());
        }

        /** Approves and applies a ticket, for a proposal that needs an earlier change done (a rollback's). */
        public void approveAndApply(ApprovalTicket ticket) {
            ApprovalGrant grant = approvals.approve(ticket.approvalId(), approver, "harness: setting up");
            approvals.apply(grant, approverContext());
        }
    }

    private record Case<W>(String name, Consumer<W> change, Expected expected, boolean atApply) {
    }

    private final Supplier<W> worlds;
    private final Function<W, ApprovalService> approvals;
    private final Function<W, Clock> clock;
    private final Proposal<W> proposal;
    private final Function<W, S> observe;
    private final Expectation<W, S> expectation;
    private final Principal requester;
    private final Principal approver;
    private final Optional<Function<W, ChangeAtApply>> racing;
    private final List<Case<W>> cases;

    private ApplyMatchesPreviewHarness(Builder<W, S> b) {
        this.worlds = b.worlds;
        this.approvals = Objects.requireNonNull(b.approvals, "approvals");
        this.clock = b.clock;
        this.proposal = Objects.requireNonNull(b.proposal, "a proposal (call or propose)");
        this.observe = Objects.requireNonNull(b.observe, "observe");
        this.expectation = Objects.requireNonNull(b.expectation, "expect");
        this.requester = b.requester;
        this.approver = b.approver;
        this.racing = b.racing;
        List<Case<W>> all = new ArrayList<>();
        all.add(new Case<>("nothing changed", w -> { }, Expected.APPLY, false));
        all.addAll(b.cases);
        if (racing.isPresent()) {
            b.cases.forEach(c -> all.add(new Case<>(c.name() + " (as the apply starts)", c.change(), c.expected(), true)));
        }
        this.cases = List.copyOf(all);
    }

    public static <W, S> Builder<W, S> builder(Supplier<W> freshWorld) {
        return new Builder<>(freshWorld);
    }

    /** Runs every case, each in a fresh world, and returns what happened. */
    public List<Outcome> run() {
        return cases.stream().map(this::run).toList();
    }

    /**
     * Runs every case.
     *
     * @throws AssertionError naming every case that broke the rule
     */
    public void verify() {
        List<Outcome> failed = run().stream().filter(o -> !o.holds()).toList();
        if (!failed.isEmpty()) {
            StringBuilder sb = new StringBuilder("apply did not do exactly the preview or nothing:");
            failed.forEach(o -> sb.append("\n  ").append(o));
            throw new AssertionError(sb.toString());
        }
    }

    /** One JUnit 5 dynamic test per case, for a {@code @TestFactory}. */
    public Stream<DynamicTest> dynamicTests() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Outcome o = run(c);
            if (!o.holds()) {
                throw new AssertionError(o.toString());
            }
        }));
    }

    private Outcome run(Case<W> c) {
        W world = worlds.get();
        ApprovalService service = approvals.apply(world);
        Steps steps = new Steps(service, requester, approver, clock.apply(world));
        ApprovalTicket ticket = proposal.propose(world, steps);
        ChangeSet previewed = service.record(ticket.approvalId()).map(ApprovalRecord::changeSet)
                .orElseThrow(() -> new IllegalStateException("the proposal's approval " + ticket.approvalId() + " is not stored"));
        AtomicReference<S> changed = new AtomicReference<>();
        if (c.atApply()) {
            ChangeAtApply race = racing.orElseThrow().apply(world);
            race.set(() -> {
                race.set(() -> { });
                c.change().accept(world);
                changed.set(observe.apply(world));
            });
            changed.set(observe.apply(world)); // if the apply is refused before the tool starts, nothing changed
        } else {
            c.change().accept(world);
            changed.set(observe.apply(world));
        }
        Optional<String> refusal;
        try {
            ApprovalGrant grant = service.approve(ticket.approvalId(), approver, "harness: " + c.name());
            service.apply(grant, steps.approverContext());
            refusal = Optional.empty();
        } catch (ApprovalException e) {
            refusal = Optional.of(e.code() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(c.name(), false, Optional.of(e.toString()), Optional.of(
                    "the apply neither succeeded nor was refused: " + e));
        }
        S before = changed.get();
        S after = observe.apply(world);
        Optional<String> problem;
        if (refusal.isEmpty()) {
            S expected = expectation.afterApplying(world, previewed, before);
            problem = after.equals(expected) ? Optional.empty()
                    : Optional.of("it applied, but the world is not the previewed change done:\n    expected " + expected
                            + "\n    found    " + after);
            if (problem.isEmpty() && c.expected() == Expected.REFUSE) {
                problem = Optional.of("the change must be refused, and it applied");
            }
        } else {
            problem = after.equals(before) ? Optional.empty()
                    : Optional.of("it was refused, but the world changed:\n    before " + before + "\n    after  " + after);
            if (problem.isEmpty() && c.expected() == Expected.APPLY) {
                problem = Optional.of("the change must apply, and it was refused");
            }
        }
        return new Outcome(c.name(), refusal.isEmpty(), refusal, problem);
    }

    /** Configures an {@link ApplyMatchesPreviewHarness}. */
    public static final class Builder<W, S> {
        private final Supplier<W> worlds;
        private Function<W, ApprovalService> approvals;
        private Function<W, Clock> clock = w -> Clock.systemUTC();
        private Proposal<W> proposal;
        private Function<W, S> observe;
        private Expectation<W, S> expectation;
        private Principal requester = Principal.of("harness-requester", "marketer");
        private Principal approver = Principal.of("harness-approver", "approver");
        private Optional<Function<W, ChangeAtApply>> racing = Optional.empty();
        private final List<Case<W>> cases = new ArrayList<>();

        private Builder(Supplier<W> worlds) {
            this.worlds = Objects.requireNonNull(worlds, "worlds");
        }

        /** The world's approval service, over its tools; the harness approves and applies through it. */
        public Builder<W, S> approvals(Function<W, ApprovalService> service) {
            this.approvals = Objects.requireNonNull(service, "approvals");
            return this;
        }

        /** The world's clock, for the contexts of the calls (the system clock unless given). */
        public Builder<W, S> clock(Function<W, Clock> worldClock) {
            this.clock = Objects.requireNonNull(worldClock, "clock");
            return this;
        }

        /** The change under test is this call of the world's tool, proposed by the requester. */
        public Builder<W, S> call(Function<W, WriteTool> tool, ToolCall call) {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(call, "call");
            return propose((w, steps) -> steps.submit(tool.apply(w).propose(call, steps.requesterContext())));
        }

        /** The change under test is whatever {@code newProposal} submits (a rollback, say). */
        public Builder<W, S> propose(Proposal<W> newProposal) {
            this.proposal = Objects.requireNonNull(newProposal, "proposal");
            return this;
        }

        /** What of the world the harness compares (records, messages sent); a value with equals. */
        public Builder<W, S> observe(Function<W, S> observation) {
            this.observe = Objects.requireNonNull(observation, "observe");
            return this;
        }

        /** What the observation should be after the previewed change is done exactly. */
        public Builder<W, S> expect(Expectation<W, S> newExpectation) {
            this.expectation = Objects.requireNonNull(newExpectation, "expect");
            return this;
        }

        /**
         * The world's tool as its approval service applies it, wrapped in a {@link ChangeAtApply}: every
         * declared change is then run a second time landing as the apply starts, after the approval service's
         * checks, so that the tool's own check at apply time is tested too.
         */
        public Builder<W, S> racing(Function<W, ChangeAtApply> tool) {
            this.racing = Optional.of(Objects.requireNonNull(tool, "racing"));
            return this;
        }

        /** Who proposes (default {@code harness-requester}, a marketer). */
        public Builder<W, S> requester(Principal principal) {
            this.requester = Objects.requireNonNull(principal, "requester");
            return this;
        }

        /** Who approves (default {@code harness-approver}, an approver). */
        public Builder<W, S> approver(Principal principal) {
            this.approver = Objects.requireNonNull(principal, "approver");
            return this;
        }

        /** A world change after which the apply may succeed or be refused; either way the rule is checked. */
        public Builder<W, S> change(String name, Consumer<W> change) {
            return add(name, change, Expected.EITHER);
        }

        /** A world change the tool must notice: the apply must be refused with nothing changed. */
        public Builder<W, S> mustRefuse(String name, Consumer<W> change) {
            return add(name, change, Expected.REFUSE);
        }

        /** A world change that does not concern the change under test: the apply must do exactly the preview. */
        public Builder<W, S> mustApply(String name, Consumer<W> change) {
            return add(name, change, Expected.APPLY);
        }

        private Builder<W, S> add(String name, Consumer<W> change, Expected expected) {
            cases.add(new Case<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(change, "change"), expected, false));
            return this;
        }

        public ApplyMatchesPreviewHarness<W, S> build() {
            return new ApplyMatchesPreviewHarness<>(this);
        }
    }
}
