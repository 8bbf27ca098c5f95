package io.promoagent.example.app;

/**
 * A JVM that takes a database on the shared temporary PostgreSQL and holds it until it is stopped: a start of
 * the demo's PostgreSQL without the rest of {@code serve}, for tests that kill such JVMs.
 */
final class HoldsSharedPostgres {

    private HoldsSharedPostgres() {
    }

    public static void main(String[] args) throws InterruptedException {
        SharedPostgres.Database database = SharedPostgres.database();
        System.out.println("holding database " + database.name());
        Thread.sleep(Long.MAX_VALUE);
    }
}
