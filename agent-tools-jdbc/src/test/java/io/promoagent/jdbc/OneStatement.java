package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryResult;

/** The check that the engine handed a query whole to PostgreSQL and that it ran as one statement. */
final class OneStatement {

    private OneStatement() {
    }

    static void assertWhole(QueryResult result) {
        assertThat(result.stats().calls()).as("statements").isEqualTo(1);
        assertThat(result.explanations()).as("the statement is the whole query").hasSize(1)
                .allMatch(e -> e.notes().contains("the whole query in this statement"));
    }
}
