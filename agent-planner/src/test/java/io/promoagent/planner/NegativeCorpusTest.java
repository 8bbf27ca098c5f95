package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.planner.plan.WordUse;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The planner is never confidently wrong: requests it reads surely, generated from a data model's names
 * (the demo model and the library model), each with one content word it cannot account for inserted or
 * substituted, are never planned as sure reads, writes or sends. The word changes what the request means,
 * so acting on the rest would answer another question.
 */
class NegativeCorpusTest {

    /** Content words that no data model here knows; each changes what a request asks for. */
    static final List<String> FOREIGN = List.of("purple", "giraffe", "volcanic", "telescope", "hungry", "banana",
            "orbit", "sleepy", "carpet", "triangular", "jazz", "wizard", "marble", "tornado", "velvet", "pickle",
            "saxophone", "glacier", "comet", "lemon", "haunted", "bilingual", "wooden", "nocturnal", "tattooed");

    static final long SEED = 20261206L;

    @Test
    void noRequestWithAWordNobodyUsesIsActedOnAsSure() {
        List<String> unsure = new ArrayList<>();
        List<String> sure = new ArrayList<>();
        int bases = 0;
        Random random = new Random(SEED);
        // the shipped tools' planner has the reports too, whose phrases and keywords must not catch these
        for (OfflinePlanner planner : List.of(Demo.planner(), LibraryModelTest.PLANNER, ShippedToolsTest.PLANNER)) {
            ConfidencePolicy policy = planner.confidencePolicy();
            for (String base : requests(planner.model())) {
                if (!(planner.plan(base) instanceof ReadPlan rp) || !policy.isSure(rp)) {
                    continue; // only requests read surely as they are make the corpus
                }
                bases++;
                for (String variant : variants(base, random)) {
                    Plan p = planner.plan(variant);
                    boolean acted = (p instanceof ReadPlan || p instanceof ToolPlan) && policy.isSure(p);
                    (acted ? sure : unsure).add(variant + "  ->  " + p.kind() + " " + p.reason());
                }
            }
        }
        System.out.printf("negative corpus (seed %d): %d requests from %d sure bases, %d acted on as sure%n",
                SEED, sure.size() + unsure.size(), bases, sure.size());
        assertThat(sure.size() + unsure.size()).isGreaterThanOrEqualTo(200);
        assertThat(sure).as("seed " + SEED + ": planned as sure despite a word nothing accounts for").isEmpty();
    }

    @Test
    void everySureReadSaysWhatUsedEachOfItsWords() {
        int reads = 0;
        for (OfflinePlanner planner : List.of(Demo.planner(), LibraryModelTest.PLANNER)) {
            for (String base : requests(planner.model())) {
                if (planner.plan(base) instanceof ReadPlan rp && planner.confidencePolicy().isSure(rp)) {
                    reads++;
                    assertThat(rp.words()).as(base).isNotEmpty().allMatch(WordUse::accounted);
                    String said = String.join(" ", rp.words().stream().map(WordUse::text).toList());
                    assertThat(said.toLowerCase(Locale.ROOT)).as(base)
                            .isEqualTo(base.replace('_', ' ').toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(reads).isGreaterThan(100);
    }

    /** Two variants: a foreign word inserted at a random place, and one substituted for a word. */
    static List<String> variants(String base, Random random) {
        String[] words = base.split(" ");
        List<String> out = new ArrayList<>();
        String foreign = FOREIGN.get(random.nextInt(FOREIGN.size()));
        int at = random.nextInt(words.length + 1);
        List<String> inserted = new ArrayList<>(List.of(words));
        inserted.add(at, foreign);
        out.add(String.join(" ", inserted));
        if (words.length > 2) {
            // substitute a word that is not the first (often the verb), so a sentence remains
            String[] substituted = words.clone();
            substituted[1 + random.nextInt(words.length - 1)] = FOREIGN.get(random.nextInt(FOREIGN.size()));
            out.add(String.join(" ", substituted));
        }
        return out;
    }

    /** Correct requests made from the model's own names: lists, rules, values, comparisons, counts, groups. */
    static List<String> requests(DataModel model) {
        List<String> out = new ArrayList<>();
        for (Entity e : model.entities()) {
            String entity = words(e.name());
            out.add("show " + entity);
            out.add("how many " + entity + " are there");
            for (Field f : e.fields()) {
                String field = words(f.name());
                if (f.type() == FieldType.ENUM) {
                    out.add("number of " + entity + " per " + field);
                    for (EnumValue v : f.values()) {
                        out.add("list " + entity + " whose " + field + " is " + v.value());
                    }
                }
                if (f.type().isNumeric() && !f.name().endsWith("_id")) {
                    out.add(entity + " with " + field + " over 100");
                    out.add("top 5 " + entity + " by " + field);
                    out.add("average " + field + " of " + entity);
                }
                if (f.type().isTemporal()) {
                    out.add(entity + " with " + field + " in the last 30 days");
                }
            }
        }
        for (Rule r : model.rules()) {
            out.add("show " + words(r.name()));
            out.add("how many " + words(r.entity()) + " are " + words(r.name()));
        }
        for (Measure m : model.measures()) {
            out.add(words(m.name()) + " last month");
            out.add(words(m.name()) + " by month");
        }
        return out;
    }

    private static String words(String name) {
        return name.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
