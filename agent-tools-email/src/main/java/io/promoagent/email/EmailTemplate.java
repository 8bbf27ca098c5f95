package io.promoagent.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template with {@code {{variable}}} placeholders for subject, text and HTML.
 *
 * <p>Every value is untrusted (model-written text, customer names): the HTML part escapes it, the subject
 * and text parts drop control characters, and no value can add markup, headers or placeholders. A
 * variable the template uses but the caller does not give is an error, never an empty string.
 *
 * @param subject the subject template, one line
 * @param text    the plain-text body template
 * @param html    the HTML body template
 */
public record EmailTemplate(String subject, String text, String html) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

    public EmailTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** The variables the template uses, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : List.of(subject, text, html)) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Renders the three parts; fails naming every variable that has no value. */
    public Rendered render(Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        for (String v : variables()) {
            if (!values.containsKey(v) || values.get(v) == null) {
                missing.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw new EmailException("the template needs a value for " + String.join(", ", missing), false);
        }
        String s = fill(subject, values, Escape.LINE);
        return new Rendered(s, fill(text, values, Escape.TEXT), fill(html, values, Escape.HTML));
    }

    /**
     * A rendered message body.
     *
     * @param subject the subject
     * @param text    the plain-text body
     * @param html    the HTML body
     */
    public record Rendered(String subject, String text, String html) {
    }

    private enum Escape { LINE, TEXT, HTML }

    private static String fill(String template, Map<String, String> values, Escape escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value, escape)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String value, Escape escape) {
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                s.append(escape == Escape.LINE ? ' ' : (escape == Escape.HTML ? "<br>" : "\n"));
                if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
                continue;
            }
            if (Character.isISOControl(c) && c != '\t') {
                continue;
            }
            if (escape == Escape.HTML) {
                switch (c) {
                    case '&' -> s.append("&amp;");
                    case '<' -> s.append("&lt;");
                    case '>' -> s.append("&gt;");
                    case '"' -> s.append("&quot;");
                    case '\'' -> s.append("&#39;");
                    case '{' -> s.append("&#123;");
                    case '}' -> s.append("&#125;");
                    default -> s.append(c);
                }
            } else if (c == '{' || c == '}') {
                // braces are kept, but can never form a placeholder: templates are filled in one pass
                s.append(c);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
