package io.promoagent.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Table aliases of one statement ({@code t0}, {@code t1}, ...) and the tables they stand for. */
final class Aliases {

    private int next;
    private final Set<String> tables = new LinkedHashSet<>();

    String next(String table) {
        tables.add(table);
        return "t" + next++;
    }

    List<String> tables() {
        return new ArrayList<>(tables);
    }
}
