package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.CalendarUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The English words that carry structure rather than data: read verbs, counting and aggregation words,
 * grouping, superlatives, comparisons, negation, relations and filler. Everything else the planner knows
 * comes from the data model.
 */
final class Grammar {

    /** What a structural word does. */
    enum Role {
        LEAD, READ, STOP, COUNT, SUM, AVG, MIN, MAX, GROUP, DESC, ASC, CMP, CMP_POST, NEG, WITH, WHERE, TOPIC,
        AND, OR, UNIT, GROUP_UNIT, EVERYONE, RECENCY, OLDEST, SORT, DESCENDING, ASCENDING, TEXT
    }

    /** A structural phrase found in a request. */
    record Match(int length, Role role, Operator op, CalendarUnit unit) {
    }

    private record Phrase(String[] keys, Role role, Operator op, CalendarUnit unit) {
    }

    private static final Map<String, List<Phrase>> BY_FIRST = new HashMap<>();
    private static final Set<String> FUNCTION_WORDS = new HashSet<>();

    /** Verbs that change or destroy data; a request led by one that no tool declares is refused. */
    static final Set<String> ACTION_VERBS = Set.of("delete", "remove", "drop", "erase", "purge", "wipe", "destroy",
            "truncate", "update", "modify", "edit", "change", "set", "rename", "insert", "add", "refund", "cancel",
            "ban", "block", "unsubscribe", "archive", "merge", "reset", "move", "transfer", "import", "upload", "charge",
            "pay", "overwrite", "replace", "approve", "reject", "disable", "enable", "deactivate", "kill", "stop",
            "grant", "revoke", "restore", "clear", "flush", "shutdown", "execute", "run", "write");

    /** Verbs of making something that a tool creating records may be meant by ("set up a promotion"). */
    static final Set<String> MAKING_VERBS = Set.of("set", "add", "build", "prepare", "start", "setup", "introduce",
            "run", "open", "establish", "design", "draft", "make", "give", "offer");

    /**
     * Verbs that ask what a write would do rather than for the write ("predict how a 20% VIP discount would
     * perform"): a tool that declares one of them among its keywords is planned as a proposal, whose preview
     * is the prediction, and the words that frame such a question are not doubts about it.
     */
    static final Set<String> PREVIEW_VERBS = Set.of("predict", "forecast", "simulate", "estimate", "project");
    static final Set<String> PREVIEW_FRAMING = Set.of("how", "would", "will", "might", "perform", "do", "does", "go",
            "work", "fare", "look", "turn", "out", "if", "what", "like", "result");

    /**
     * Words that mark a follow-up changing the values of the call just planned ("what if 15% instead", "how
     * about only reachable VIPs"): the first two words of the request, or a word anywhere.
     */
    static final Set<String> REVISION_LEADS = Set.of("what if", "how about", "what about", "and if", "suppose");
    static final Set<String> REVISION_WORDS = Set.of("instead", "rather");

    /**
     * A request that asks to make the write just predicted ("create it", "go ahead and propose it"): one of
     * these verbs and one of these objects, with nothing else but politeness.
     */
    static final Set<String> CONFIRM_VERBS = Set.of("create", "propose", "make", "launch", "do", "submit", "start",
            "set", "add");
    static final Set<String> CONFIRM_OBJECTS = Set.of("it", "that", "this", "them", "one", "so", "up");
    static final Set<String> CONFIRM_POLITE = Set.of("please", "yes", "ok", "okay", "go", "ahead", "and", "then",
            "now", "lets", "let", "us", "can", "could", "you", "i", "we", "want", "to", "would", "like", "sure", "fine",
            "good", "great", "the", "last", "same", "just", "as", "predicted");

    /** The destructive ones: refused with confidence, since no model could do them either. */
    static final Set<String> DESTRUCTIVE_VERBS = Set.of("delete", "remove", "drop", "erase", "purge", "wipe", "destroy",
            "truncate", "overwrite", "clear", "flush", "kill");

    static {
        words(Role.LEAD, "please", "kindly", "can you", "could you", "would you", "will you", "i want to", "i wanna",
                "id like to", "i would like to", "we need to", "i need to", "we want to", "lets", "let us",
                "go ahead and", "help me", "hey", "hi", "hello", "now", "then");
        words(Role.READ, "show", "list", "find", "display", "get", "give me", "give us", "fetch", "see", "view", "pull", "report",
                "tell", "lookup", "look up", "search", "search for", "what", "which", "who", "whom", "retrieve",
                "query", "check", "are there", "is there", "how", "print", "return", "bring up", "give me", "show me",
                "list all", "what are", "what is", "whats", "who are", "who is");
        words(Role.COUNT, "how many", "number of", "count", "count of", "total number of", "the number of",
                "count the", "amount of");
        words(Role.SUM, "total", "sum", "sum of", "total of", "how much", "overall");
        words(Role.AVG, "average", "avg", "mean", "average of", "typical");
        words(Role.MIN, "minimum", "min");
        words(Role.MAX, "maximum", "max");
        words(Role.GROUP, "by", "per", "for each", "each", "grouped by", "group by", "broken down by", "breakdown by",
                "split by", "by each", "for every", "across", "break down by", "broken out by");
        words(Role.DESC, "top", "best", "biggest", "largest", "highest", "most", "greatest", "leading", "heaviest");
        words(Role.DESC, "most frequently", "most often", "most commonly", "most common", "most popular");
        words(Role.ASC, "least frequently", "least often", "least commonly", "least common", "least popular");
        words(Role.ASC, "bottom", "worst", "smallest", "lowest", "least", "fewest");
        cmp(Operator.GT, "more than", "greater than", "over", "above", "exceeding", "exceeds", "higher than",
                "bigger than", "larger than", "in excess of", ">", "beyond");
        cmp(Operator.GTE, "at least", "no less than", "not less than", "minimum of", ">=", "a minimum of");
        cmp(Operator.LT, "less than", "fewer than", "under", "below", "lower than", "smaller than", "<");
        cmp(Operator.LTE, "at most", "no more than", "not more than", "up to", "maximum of", "<=", "a maximum of");
        cmp(Operator.EQ, "exactly", "equal to", "equals", "=", "precisely");
        cmp(Operator.NE, "!=", "not equal to", "other than");
        cmp(Operator.BETWEEN, "between", "in the range", "ranging from");
        post(Operator.GTE, "or more", "and more", "and above", "or above", "or higher", "and up", "or greater", "plus");
        post(Operator.LTE, "or less", "or fewer", "and below", "or below", "or lower", "and under");
        words(Role.NEG, "not", "no", "never", "without", "havent", "hasnt", "hadnt", "didnt", "dont", "doesnt", "isnt",
                "arent", "wasnt", "werent", "non", "none", "have not", "has not", "did not", "do not", "does not",
                "are not", "is not", "neither", "nor");
        text(Operator.BEGINS_WITH, "starts with", "start with", "starting with", "begins with", "begin with",
                "beginning with");
        text(Operator.CONTAINS, "contains", "containing", "contain");
        words(Role.WITH, "with", "having", "who have", "who has", "that have", "that has", "which have", "which has",
                "who had", "that had", "with any", "have any", "has any", "have a", "has a", "have an", "has an");
        words(Role.WHERE, "where", "whose", "such that", "for which");
        words(Role.TOPIC, "about", "regarding", "concerning", "re", "announcing", "to announce", "telling them about",
                "on the topic of", "to promote", "promoting");
        words(Role.AND, "and", "as well as", "also", "along with", "but");
        words(Role.OR, "or", "either");
        unit(Role.UNIT, CalendarUnit.DAY, "day", "days", "date", "dates");
        unit(Role.UNIT, CalendarUnit.WEEK, "week", "weeks");
        unit(Role.UNIT, CalendarUnit.MONTH, "month", "months");
        unit(Role.UNIT, CalendarUnit.QUARTER, "quarter", "quarters");
        unit(Role.UNIT, CalendarUnit.YEAR, "year", "years");
        unit(Role.GROUP_UNIT, CalendarUnit.DAY, "daily", "day by day", "per day", "each day", "by day");
        unit(Role.GROUP_UNIT, CalendarUnit.WEEK, "weekly", "week by week", "per week", "each week", "by week");
        unit(Role.GROUP_UNIT, CalendarUnit.MONTH, "monthly", "month by month", "per month", "each month", "by month",
                "every month");
        unit(Role.GROUP_UNIT, CalendarUnit.QUARTER, "quarterly", "per quarter", "each quarter", "by quarter");
        unit(Role.GROUP_UNIT, CalendarUnit.YEAR, "yearly", "annually", "per year", "each year", "by year");
        words(Role.EVERYONE, "everyone", "everybody", "anyone", "anybody", "all of them", "the whole list",
                "all people");
        words(Role.RECENCY, "newest", "most recent", "brand new", "latest one", "newly created", "last");
        words(Role.OLDEST, "first", "oldest", "earliest");
        words(Role.SORT, "sorted by", "sort by", "ordered by", "order by", "ranked by", "arranged by", "sorted on",
                "in order of", "sort on");
        words(Role.DESCENDING, "descending", "desc", "highest first", "largest first", "biggest first", "newest first",
                "most recent first", "latest first", "in descending order");
        words(Role.ASCENDING, "ascending", "asc", "lowest first", "smallest first", "oldest first", "earliest first",
                "in ascending order");
        words(Role.STOP, "the", "a", "an", "our", "my", "your", "their", "its", "we", "us", "me", "i", "you", "they",
                "them", "all", "any", "every", "some", "do", "does", "did", "is", "are", "was", "were", "be", "been",
                "being", "have", "has", "had", "there", "here", "that", "this", "these", "those", "whom", "of", "to",
                "for", "in", "on", "at", "from", "into", "as", "than", "so", "just", "only", "currently", "right",
                "ever", "yet", "still", "really", "like", "want", "need", "got", "much", "many", "it", "who", "which",
                "off", "one", "ones", "records", "record", "entries", "data", "info", "information", "details",
                "out", "up", "thanks", "thank", "whole", "entire", "who are", "that are", "which are", "when",
                "so far", "exist", "exists", "existing", "available", "kind of", "sort of", "shall", "might", "via",
                "using", "both", "in total", "altogether", "pls", "plz", "make", "made", "generate", "generated",
                "bring", "brings", "brought", "earn", "earned", "take", "took", "happen", "happened");
    }

    private Grammar() {
    }

    private static void words(Role role, String... phrases) {
        for (String p : phrases) {
            add(p, role, null, null);
        }
    }

    private static void cmp(Operator op, String... phrases) {
        for (String p : phrases) {
            add(p, Role.CMP, op, null);
        }
    }

    private static void text(Operator op, String... phrases) {
        for (String p : phrases) {
            add(p, Role.TEXT, op, null);
        }
    }

    private static void post(Operator op, String... phrases) {
        for (String p : phrases) {
            add(p, Role.CMP_POST, op, null);
        }
    }

    private static void unit(Role role, CalendarUnit unit, String... phrases) {
        for (String p : phrases) {
            add(p, role, null, unit);
        }
    }

    private static void add(String phrase, Role role, Operator op, CalendarUnit unit) {
        String[] keys = phrase.split(" ");
        List<Phrase> list = BY_FIRST.computeIfAbsent(keys[0], k -> new ArrayList<>());
        // the first role given to a phrase wins: "list" reads, it is not filler
        for (Phrase existing : list) {
            if (String.join(" ", existing.keys()).equals(phrase)) {
                return;
            }
        }
        list.add(new Phrase(keys, role, op, unit));
        if (keys.length == 1 && role != Role.UNIT && role != Role.GROUP_UNIT) {
            FUNCTION_WORDS.add(keys[0]);
        }
    }

    /** The longest structural phrase starting at token {@code i}, or null. */
    static Match longest(List<Token> tokens, int i) {
        List<Phrase> candidates = BY_FIRST.get(tokens.get(i).key());
        if (candidates == null) {
            return null;
        }
        Phrase best = null;
        for (Phrase p : candidates) {
            if (i + p.keys().length > tokens.size() || (best != null && p.keys().length <= best.keys().length)) {
                continue;
            }
            boolean all = true;
            for (int k = 0; k < p.keys().length && all; k++) {
                Token t = tokens.get(i + k);
                all = t.kind() != Token.Kind.QUOTED && t.key().equals(p.keys()[k]);
            }
            if (all) {
                best = p;
            }
        }
        return best == null ? null : new Match(best.keys().length, best.role(), best.op(), best.unit());
    }

    /** Whether a single word is an English function word ("us", "it", "in"). */
    static boolean isFunctionWord(String key) {
        return FUNCTION_WORDS.contains(key);
    }
}
