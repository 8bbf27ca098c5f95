package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.jdbc.store.JdbcRecordWriter;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Values and names full of SQL syntax: quotes, semicolons, comments, dollar quotes, backslashes and NUL.
 * Values only ever travel as bind parameters and names only quoted, so the server's own statement log shows
 * nothing but the compiled statements (and the driver's transaction control), the data read is the
 * reference evaluator's answer, and the table the payloads aim at is still there.
 */
class JdbcInjectionTest {

    private static final List<String> PAYLOADS = List.of(
            "'; DROP TABLE victims; --",
            "' OR '1'='1",
            "\" OR \"\"=\"; DELETE FROM victims; --",
            "x'); SELECT pg_sleep(10); --",
            "/* victims */ 1 */ --",
            "$$; TRUNCATE victims; $$",
            "$tag$ victims $tag$",
            "back\\slash\\' \\\\ victims",
            "E'\\x27victims",
            "semi;colon;victims",
            "nul\0victims",
            "\0",
            "%_victims_%");

    // identifiers that need quoting: quotes, semicolons, comments, dollar signs, backslashes (NUL cannot be one)
    private static final String TABLE = "pe\"ople; -- /* $$ \\";
    private static final String COLUMN = "na'me\"; $x$ */ --";

    private static final DataModel MODEL = DataModelYaml.parse("""
            sources: [{id: pg, kind: jdbc}]
            entities:
              - name: people
                source: pg
                table: people
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: name, type: string}
                  - {name: score, type: number}
            """, "people.yaml");

    @Test
    void payloadsInValuesAndNamesRunNoStatementButTheCompiledOnes() throws SQLException {
        DataSource db = TestDatabases.newDatabase("injection");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE victims (id int)");
            s.execute("INSERT INTO victims VALUES (1)");
            s.execute("CREATE TABLE " + quote(TABLE) + " (id text PRIMARY KEY, " + quote(COLUMN) + " text, score numeric)");
        }
        String database = TestDatabases.name(db);
        int setUp = TestDatabases.statements(database).size();

        List<String> compiled = new ArrayList<>();
        Map<String, List<Row>> data = new LinkedHashMap<>();
        try (JdbcDataSource source = JdbcDataSource.builder(db, MODEL).id("pg").table("people", TABLE)
                .column("people", "name", COLUMN).build()) {
            JdbcRecordWriter writer = JdbcRecordWriter.of(source);
            List<Row> rows = new ArrayList<>();
            int n = 0;
            for (String payload : PAYLOADS) {
                Row row = Row.of(Map.of("id", "p" + n, "name", payload, "score", BigDecimal.valueOf(n)));
                n++;
                if (payload.indexOf('\0') >= 0) {
                    assertThatThrownBy(() -> writer.write(List.of(AffectedRecord.create("people", Map.of("id", row.valueOrNull("id")), row)), "t-nul"))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
                    continue;
                }
                writer.write(List.of(AffectedRecord.create("people", Map.of("id", row.valueOrNull("id")), row)), "t" + n);
                rows.add(row);
            }
            data.put("people", rows);

            QueryEngine engine = QueryEngine.builder(MODEL).source(source).clock(ShopFixture.CLOCK).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(MODEL, ShopFixture.CLOCK);
            for (String payload : PAYLOADS) {
                for (Operator op : List.of(Operator.EQ, Operator.NE, Operator.GT, Operator.LTE, Operator.CONTAINS,
                        Operator.BEGINS_WITH)) {
                    for (boolean ignoreCase : List.of(false, true)) {
                        Query q = Query.of("people", b -> b.where(new Compare("name", op, List.of(payload),
                                ignoreCase && op != Operator.GT && op != Operator.LTE)));
                        run(engine, oracle, data, q, compiled);
                    }
                }
                run(engine, oracle, data, Query.of("people", b -> b.where(Compare.of("name", Operator.IN, payload, "' OR 1=1"))), compiled);
                run(engine, oracle, data, Query.of("people", b -> b.where(Compare.of("name", Operator.BETWEEN, payload, payload + "\uffff"))), compiled);
                engine.explain(Query.of("people", b -> b.where(Compare.eq("name", payload)))).stream()
                        .map(Explanation::nativeQuery).forEach(t -> compiled.add("EXPLAIN (FORMAT JSON) " + numbered(t)));
            }
        }

        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM victims")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the table the payloads aim at").isEqualTo(1);
        }
        List<String> ran = TestDatabases.statements(database);
        Set<String> allowed = new HashSet<>(compiled);
        for (String statement : ran.subList(setUp, ran.size())) {
            if (statement.startsWith("SELECT count(*) FROM victims")) {
                continue; // this test's own check above
            }
            assertThat(statement).as("a statement the server ran").satisfiesAnyOf(
                    s -> assertThat(allowed).contains(s),
                    s -> assertThat(s).isIn("BEGIN", "BEGIN READ ONLY", "COMMIT", "ROLLBACK", "SET application_name = 'PostgreSQL JDBC Driver'"),
                    s -> assertThat(s).startsWith("SELECT table_name, column_name, data_type FROM information_schema.columns"),
                    s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS \"promo_agent_writes\""),
                    s -> assertThat(s).startsWith("INSERT INTO \"promo_agent_writes\" (token, changes_hash) VALUES ($1, $2)"),
                    s -> assertThat(s).startsWith("UPDATE \"promo_agent_writes\" SET result = $1 WHERE token = $2"),
                    s -> assertThat(s).isEqualTo("SELECT \"id\", " + quote(COLUMN) + ", \"score\" FROM " + quote(TABLE)
                            + " WHERE \"id\" = $1 FOR UPDATE"),
                    s -> assertThat(s).isEqualTo("SELECT \"id\", " + quote(COLUMN) + ", \"score\" FROM " + quote(TABLE)
                            + " WHERE \"id\" = $1"),
                    s -> assertThat(s).isEqualTo("INSERT INTO " + quote(TABLE) + " (\"id\", " + quote(COLUMN)
                            + ", \"score\") VALUES ($1, $2, $3)"));
            assertThat(statement).doesNotContain("victims");
        }
        assertThat(ran.subList(setUp, ran.size()).stream().filter(s -> s.startsWith("SELECT t0.")).count())
                .as("one statement per query").isEqualTo(PAYLOADS.size() * 14L);
    }

    private static void run(QueryEngine engine, ReferenceEvaluator oracle, Map<String, List<Row>> data, Query q,
                            List<String> compiled) {
        QueryResult result = engine.execute(q);
        ReferenceCheck.assertAgrees(oracle, data, q, result, true);
        assertThat(result.stats().calls()).isEqualTo(1);
        result.explanations().forEach(e -> compiled.add(numbered(e.nativeQuery())));
    }

    /** The statement as the server logs it: the driver numbers the parameters. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        boolean quoted = false;
        for (char ch : sql.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == '?' && !quoted) {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
