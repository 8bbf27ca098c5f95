package io.promoagent.promotions;

/** The 90th percentile of Student's t distribution, the half-width factor of an 80 % two-sided interval. */
final class StudentT {
    private static final double[] QUANTILE_90 = {3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383,
        1.372, 1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318,
        1.316, 1.315, 1.314, 1.313, 1.311, 1.310};
    private static final double NORMAL_90 = 1.2816;

    private StudentT() {
    }

    static double quantile90(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("at least one degree of freedom: " + degreesOfFreedom);
        }
        return degreesOfFreedom <= QUANTILE_90.length ? QUANTILE_90[degreesOfFreedom - 1] : NORMAL_90;
    }
}
