package io.promoagent.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.jdbc.TestDatabases;
import io.promoagent.schema.eval.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A division compiled to SQL gives {@link Values#divide}'s digits (16 significant digits, half to even,
 * absent for a zero divisor) on PostgreSQL, for random operands of many magnitudes and for exact ties.
 */
class DivisionTest {

    private static final DataSource DB = TestDatabases.newDatabase("division");

    private static BigDecimal divide(BigDecimal a, BigDecimal b) throws Exception {
        Sql sql = new Sql().append("SELECT ").append(Division.sql(new Sql().append("CAST(").param(a, DbType.NUMERIC)
                .append(" AS numeric)"), new Sql().append("CAST(").param(b, DbType.NUMERIC).append(" AS numeric)")));
        try (Connection c = DB.getConnection(); PreparedStatement s = c.prepareStatement(sql.text())) {
            JdbcValues.bind(s, sql.params());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"10000000000000005, 10", "10000000000000015, 10", "-10000000000000025, 10", "1, 3", "2, 3", "-2, 3",
            "1, 8", "100, 4", "0, 7", "5, 0", "999999999999999950, 100", "99999999999999995, 10", "1, 1000000000000"})
    void tiesAndBoundariesRoundAsTheLibraryRounds(String a, String b) throws Exception {
        BigDecimal expected = Values.divide(new BigDecimal(a), new BigDecimal(b));
        BigDecimal actual = divide(new BigDecimal(a), new BigDecimal(b));
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).as(a + " / " + b).isEqualByComparingTo(expected);
        }
    }

    @Test
    void randomOperandsOfManyMagnitudesGiveTheLibrarysDigits() throws Exception {
        long seed = 20261206L;
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            BigDecimal a = new BigDecimal(new BigInteger(1 + random.nextInt(60), random), random.nextInt(12) - 2)
                    .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
            BigDecimal b = new BigDecimal(new BigInteger(1 + random.nextInt(40), random), random.nextInt(10) - 2);
            BigDecimal expected = Values.divide(a, b);
            BigDecimal actual = divide(a, b);
            String context = "seed " + seed + ": " + a + " / " + b;
            if (expected == null) {
                assertThat(actual).as(context).isNull();
            } else {
                assertThat(actual).as(context).isEqualByComparingTo(expected);
            }
        }
    }
}
