package io.promoagent.planner;

import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.refuse;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.ir.CalendarUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A second data model that has nothing to do with promotions, a lending library, answered by the same
 * planner with no code change: only the model's names, synonyms, rules and measures differ.
 */
class LibraryModelTest {

    static final DataModel LIBRARY = DataModelYaml.loadResource(LibraryModelTest.class, "library-model.yaml");
    static final OfflinePlanner PLANNER = OfflinePlanner.builder(LIBRARY).clock(Demo.CLOCK).build();

    @TestFactory
    Stream<DynamicTest> requestsAboutBooksMembersAndLoansArePlannedFromTheModelAlone() {
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("show overdue loans", read(loans(RuleRef.of("overdue_loans"))));
        t.put("how many books do we have", read(Query.builder("books").aggregate(Aggregate.count()).build()));
        t.put("number of books per genre", read(Query.builder("books").groupBy(GroupBy.of("genre"))
                .aggregate(Aggregate.count()).build()));
        t.put("student members", read(members(Compare.eq("membership", "student"))));
        t.put("members who joined in the last 3 months",
                read(members(new Within("joined_on", new TimeRange.Last(3, CalendarUnit.MONTH)))));
        t.put("books with more than 500 pages", read(books(Compare.of("pages", Operator.GT, 500))));
        t.put("top 3 members by fines owed", read(Query.builder("members").orderBy(OrderBy.desc("fines_owed"))
                .limit(3).build()));
        t.put("total fees collected last month", read(Query.builder("loans")
                .where(new Within("loaned_on", new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                .aggregate(Aggregate.measure("total_fees")).build()));
        t.put("members with overdue loans", read(members(Related.exists("loans", RuleRef.of("overdue_loans")))));
        t.put("readers who haven't borrowed in 90 days", read(members(Related.notExists("loans",
                new Within("loaned_on", new TimeRange.Last(90, CalendarUnit.DAY))))));
        t.put("fiction books written by Jane Austen", read(books(Filter.and(Compare.eq("genre", "fiction"),
                new Compare("author", Operator.EQ, List.of("Jane Austen"), true)))));
        t.put("average length by genre", read(Query.builder("books").groupBy(GroupBy.of("genre"))
                .aggregate(Aggregate.measure("average_pages")).build()));
        t.put("loans due this week", read(loans(new Within("due_on", new TimeRange.RestOf(CalendarUnit.WEEK)))));
        t.put("how many loans per month", read(Query.builder("loans").groupBy(GroupBy.of("loaned_on", CalendarUnit.MONTH))
                .aggregate(Aggregate.count()).build()));
        t.put("member M0042", read(members(Compare.eq("member_id", "M0042"))));
        t.put("loans of member M0042", read(loans(Compare.eq("member_id", "M0042"))));
        t.put("seniors in debt", read(members(Filter.and(Compare.eq("membership", "senior"), RuleRef.of("in_debt")))));
        t.put("recent loans in the last 30 days", read(loans(RuleRef.of("recent_loans", "days", 30))));
        t.put("loans of science books", read(loans(Related.exists("book", Compare.eq("genre", "science")))));
        t.put("fee income by membership", read(Query.builder("loans").groupBy(GroupBy.of("member.membership"))
                .aggregate(Aggregate.measure("total_fees")).build()));
        t.put("which members owe fines", read(members(RuleRef.of("in_debt"))));
        t.put("books published after 2000", read(books(Compare.of("published_year", Operator.GT, 2000))));
        t.put("members in Leeds", read(members(new Compare("city", Operator.EQ, List.of("Leeds"), true))));
        t.put("students with more than 5 loans", read(members(Filter.and(Compare.eq("membership", "student"),
                Compare.of("loan_count", Operator.GT, 5)))));
        t.put("loans of members without fines", read(loans(Related.exists("member",
                Compare.of("fines_owed", Operator.IS_NULL)))));
        t.put("delete all overdue loans", refuse());
        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue().description(),
                () -> e.getValue().verify(PLANNER.plan(e.getKey()))));
    }

    static Query books(Filter where) {
        return Query.builder("books").where(where).build();
    }

    static Query members(Filter where) {
        return Query.builder("members").where(where).build();
    }

    static Query loans(Filter where) {
        return Query.builder("loans").where(where).build();
    }
}
