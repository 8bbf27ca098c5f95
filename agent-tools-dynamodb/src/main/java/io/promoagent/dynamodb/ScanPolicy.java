package io.promoagent.dynamodb;

/**
 * Whether a data source may scan a table when no key path serves a query, and when a scan is split into
 * parallel segments.
 *
 * @param allowed            whether scans are allowed; when not, such a query fails with a
 *                           {@link ScanRefusedException} naming the index that would serve it
 * @param parallelSegments   how many segments a large scan reads concurrently (1: never parallel)
 * @param parallelAboveBytes the table size (as DescribeTable reports it) from which a scan is parallel
 */
public record ScanPolicy(boolean allowed, int parallelSegments, long parallelAboveBytes) {

    public ScanPolicy {
        if (parallelSegments < 1) {
            throw new IllegalArgumentException("parallelSegments must be at least 1, not " + parallelSegments);
        }
        if (parallelAboveBytes < 0) {
            throw new IllegalArgumentException("parallelAboveBytes must not be negative");
        }
    }

    /** Scans allowed, in 4 parallel segments for tables of 8 MB or more. */
    public static ScanPolicy allow() {
        return new ScanPolicy(true, 4, 8L * 1024 * 1024);
    }

    /** Scans refused: every query needs a key path. */
    public static ScanPolicy refuse() {
        return new ScanPolicy(false, 1, 0);
    }

    /** This policy with scans of tables of {@code aboveBytes} or more split into {@code segments}. */
    public ScanPolicy withParallelSegments(int segments, long aboveBytes) {
        return new ScanPolicy(allowed, segments, aboveBytes);
    }
}
