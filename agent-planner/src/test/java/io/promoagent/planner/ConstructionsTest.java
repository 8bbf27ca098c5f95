package io.promoagent.planner;

import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.unsure;

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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The general constructions of issue 13 over the library model, which nothing in the planner names: text
 * matches, periods left out, ordinal quarters, ranked related records, names written as stored, counts of
 * records that have others, key words. (Today is 2026-06-30.)
 */
class ConstructionsTest {

    @TestFactory
    Stream<DynamicTest> holdForAModelThePlannerNeverSaw() {
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("members whose name starts with 'An'", read(members(new Compare("name", Operator.BEGINS_WITH, List.of("An"), true))));
        t.put("books whose title contains 'war'", read(Query.builder("books")
                .where(new Compare("title", Operator.CONTAINS, List.of("war"), true)).build()));
        t.put("loans in the last 3 months, excluding the current month", read(loans(new Within("loaned_on",
                new TimeRange.Between(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31))))));
        t.put("loans in the 2nd quarter of 2026", read(loans(new Within("loaned_on",
                new TimeRange.Between(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30))))));
        t.put("loans on or after 2026-06-01", read(loans(Compare.of("loaned_on", Operator.GTE, "2026-06-01"))));
        t.put("how many members have loans", read(Query.builder("members").where(Related.exists("loans", null))
                .aggregate(Aggregate.count()).build()));
        t.put("members with fines_owed over 5", read(members(Compare.of("fines_owed", Operator.GT, 5))));
        t.put("which book brought the most total fees", read(Query.builder("loans")
                .groupBy(GroupBy.of("isbn"), GroupBy.of("book.title")).aggregate(Aggregate.measure("total_fees"))
                .orderBy(OrderBy.desc("total_fees")).limit(1).build()));
        t.put("top 3 members by total fees", read(Query.builder("loans")
                .groupBy(GroupBy.of("member_id"), GroupBy.of("member.name")).aggregate(Aggregate.measure("total_fees"))
                .orderBy(OrderBy.desc("total_fees")).limit(3).build()));
        t.put("the member with the most loans", read(Query.builder("members").orderBy(OrderBy.desc("loan_count"))
                .limit(1).build()));
        t.put("show the distinct list of member IDs with overdue loans",
                read(members(Related.exists("loans", RuleRef.of("overdue_loans")))));
        // words the query would not bear out: a question, never a guess
        t.put("members who have not borrowed any purple books", unsure());
        t.put("loans in the last 30 days excluding today", unsure());

        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> e.getValue().verify(LibraryModelTest.PLANNER.plan(e.getKey()))));
    }

    private static Query members(Filter where) {
        return Query.builder("members").where(where).build();
    }

    private static Query loans(Filter where) {
        return Query.builder("loans").where(where).build();
    }
}
