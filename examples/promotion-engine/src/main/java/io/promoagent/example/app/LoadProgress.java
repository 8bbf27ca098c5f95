package io.promoagent.example.app;

/**
 * What a long piece of work (loading the data, a benchmark's rounds) tells the person waiting for it: the
 * step it is on, and how far through that step it is.
 */
public interface LoadProgress {

    /** A step starts whose length is not known ("generating the demo data for 20,000 customers"). */
    void step(String what);

    /** How far a counted step has come: {@code done} of {@code total} {@code what} ("orders"). */
    void count(String what, long done, long total);

    /** The work is over; whatever is drawn is finished. */
    void done();

    /** Progress nobody is shown. */
    static LoadProgress none() {
        return new LoadProgress() {
            @Override
            public void step(String what) {
            }

            @Override
            public void count(String what, long done, long total) {
            }

            @Override
            public void done() {
            }
        };
    }
}
