package io.promoagent.schema.model;


/**
 * Parses a measure's arithmetic expression: measure names, numbers, {@code + - * /} and parentheses,
 * with the usual precedence ({@code (revenue - cost_of_goods) / revenue}).
 */
final class MeasureExpressionParser {

    private final String text;
    private final String path;
    private int pos;

    private MeasureExpressionParser(String text, String path) {
        this.text = text;
        this.path = path;
    }

    static MeasureExpression parse(String text, String path) {
        MeasureExpressionParser p = new MeasureExpressionParser(text, path);
        MeasureExpression e = p.sum();
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return e;
    }

    private MeasureExpression sum() {
        MeasureExpression left = product();
        while (true) {
            skipSpaces();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                char op = text.charAt(pos++);
                left = new MeasureExpression.Arithmetic(op, left, product());
            } else {
                return left;
            }
        }
    }

    private MeasureExpression product() {
        MeasureExpression left = atom();
        while (true) {
            skipSpaces();
            if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                char op = text.charAt(pos++);
                left = new MeasureExpression.Arithmetic(op, left, atom());
            } else {
                return left;
            }
        }
    }

    private MeasureExpression atom() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("the expression ends too early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            MeasureExpression e = sum();
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error("a ')' is missing");
            }
            pos++;
            return e;
        }
        int start = pos;
        if (Character.isDigit(c)) {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return new MeasureExpression.Constant(DataModelReader.number(text.substring(start, pos), path));
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new MeasureExpression.Reference(text.substring(start, pos));
        }
        throw error("unexpected '" + c + "'");
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private DataModelException error(String problem) {
        return new DataModelException(path, problem + " at character " + (pos + 1) + " of '" + text + "'");
    }

}
