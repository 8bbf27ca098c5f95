package io.promoagent.example.demo;

/**
 * The identifiers of the demo data's rows: {@code C00001}, {@code O000001}, {@code P0001}. A number too large
 * for its width keeps all its digits, so a data set beyond 99,999 customers still has unique identifiers.
 */
final class RowIds {
    private RowIds() {
    }

    static String customer(int number) {
        return padded('C', number, 5);
    }

    static String order(int number) {
        return padded('O', number, 6);
    }

    static String promotion(int number) {
        return padded('P', number, 4);
    }

    private static String padded(char prefix, int number, int width) {
        String digits = Integer.toString(number);
        StringBuilder id = new StringBuilder(1 + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
