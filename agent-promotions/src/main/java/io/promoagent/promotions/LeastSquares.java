package io.promoagent.promotions;

/** Ordinary least squares for a handful of regressors, with the prediction error of a new point. */
final class LeastSquares {
    private final double[] coefficients;
    private final double[][] inverse;
    private final double residualVariance;
    private final int degreesOfFreedom;

    private LeastSquares(double[] coefficients, double[][] inverse, double residualVariance, int degreesOfFreedom) {
        this.coefficients = coefficients;
        this.inverse = inverse;
        this.residualVariance = residualVariance;
        this.degreesOfFreedom = degreesOfFreedom;
    }

    /** Fits {@code y = x · b}; rows of {@code x} include the constant 1 when an intercept is wanted. */
    static LeastSquares fit(double[][] x, double[] y) {
        int n = x.length;
        int k = x[0].length;
        if (n <= k) {
            throw new IllegalArgumentException(n + " observations cannot fit " + k + " coefficients");
        }
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                xty[a] += x[i][a] * y[i];
                for (int b = 0; b < k; b++) {
                    xtx[a][b] += x[i][a] * x[i][b];
                }
            }
        }
        // A tiny ridge keeps the inverse defined when two past promotions are alike in every regressor.
        for (int a = 1; a < k; a++) {
            xtx[a][a] += 1e-6;
        }
        double[][] inverse = invert(xtx);
        double[] b = new double[k];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                b[a] += inverse[a][c] * xty[c];
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - dot(b, x[i]);
            rss += r * r;
        }
        return new LeastSquares(b, inverse, rss / (n - k), n - k);
    }

    double predict(double[] at) {
        return dot(coefficients, at);
    }

    /** The standard error of a new observation at {@code at}: the residual spread and the fit's own uncertainty. */
    double predictionError(double[] at) {
        double leverage = 0;
        for (int a = 0; a < at.length; a++) {
            for (int b = 0; b < at.length; b++) {
                leverage += at[a] * inverse[a][b] * at[b];
            }
        }
        return Math.sqrt(residualVariance * (1 + leverage));
    }

    int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Gauss-Jordan elimination with partial pivoting. */
    private static double[][] invert(double[][] matrix) {
        int k = matrix.length;
        double[][] a = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, k);
            a[i][k + i] = 1;
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int row = col + 1; row < k; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double p = a[col][col];
            if (Math.abs(p) < 1e-12) {
                throw new ArithmeticException("the regressors are linearly dependent");
            }
            for (int j = 0; j < 2 * k; j++) {
                a[col][j] /= p;
            }
            for (int row = 0; row < k; row++) {
                if (row != col) {
                    double f = a[row][col];
                    for (int j = 0; j < 2 * k; j++) {
                        a[row][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inverse = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], k, inverse[i], 0, k);
        }
        return inverse;
    }
}
