package io.promoagent.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.validate.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of send_email, read strictly: recipients by {@code to} (addresses or customer ids),
 * {@code audience} (a condition in the query IR's filter form) and/or {@code audience_rule}; content by
 * {@code promotion_code} (a code, or {@code newest}) or by {@code subject} and {@code message}; {@code resend}
 * includes recipients who already received an e-mail about the promotion (left out by default). The names and
 * formats follow the offline planner's conventions (docs/planner.md), so that it fills them from a request.
 */
record SendEmailArguments(List<String> to, Optional<JsonNode> audience, Optional<String> audienceRule,
                          Optional<String> promotion, Optional<String> subject, Optional<String> message, boolean resend) {

    static final String CUSTOMERS = "customers";
    static final int MAX_TO = 100;
    static final int MAX_SUBJECT = 150;
    static final int MAX_MESSAGE = 2000;
    private static final Set<String> PROPERTIES = Set.of("to", "audience", "audience_rule", "promotion_code", "subject", "message",
            "resend");

    static ObjectNode schema(DataModel model) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode p = s.putObject("properties");
        ObjectNode to = p.putObject("to").put("type", "array").put("maxItems", MAX_TO)
                .put("description", "E-mail addresses or customer ids of the recipients");
        to.putObject("items").put("type", "string");
        p.putObject("audience").put("type", "object").put("format", "filter").put("x-entity", CUSTOMERS)
                .put("description", "Send to the customers meeting this condition, a filter in the query tool's form; {} for every customer");
        ObjectNode rule = p.putObject("audience_rule").put("type", "string")
                .put("description", "Send to every customer this rule of the data model selects");
        ArrayNode rules = rule.putArray("enum");
        customerRules(model).forEach(rules::add);
        p.putObject("promotion_code").put("type", "string")
                .put("description", "Code of the promotion the e-mail is about, or 'newest' for the newest active promotion");
        p.putObject("subject").put("type", "string").put("maxLength", MAX_SUBJECT)
                .put("description", "Subject of a free-text e-mail (with message, when there is no promotion)");
        p.putObject("message").put("type", "string").put("maxLength", MAX_MESSAGE)
                .put("description", "A short paragraph added to the e-mail");
        p.putObject("resend").put("type", "boolean").put("description", "Also to those already e-mailed about it");
        return s;
    }

    static List<String> customerRules(DataModel model) {
        return model.rules().stream().filter(r -> r.entity().equals(CUSTOMERS)).map(Rule::name).toList();
    }

    static SendEmailArguments parse(JsonNode args, DataModel model) {
        List<ToolError> errors = new ArrayList<>();
        if (args == null || !args.isObject()) {
            throw new InvalidArgumentsException(error("$", "the arguments are a JSON object"));
        }
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PROPERTIES.contains(name)) {
                errors.add(new ToolError("unknown_property", "$." + name, "send_email has no argument '" + name + "'",
                        Suggestions.rank(name, PROPERTIES)));
            }
        }
        List<String> to = new ArrayList<>();
        JsonNode t = args.get("to");
        if (t != null) {
            if (!t.isArray()) {
                errors.add(error("$.to", "'to' is a list of addresses or customer ids"));
            } else if (t.size() > MAX_TO) {
                errors.add(error("$.to", "at most " + MAX_TO + " recipients can be listed; use audience_rule for more"));
            } else {
                for (int i = 0; i < t.size(); i++) {
                    if (!t.get(i).isTextual() || t.get(i).textValue().isBlank()) {
                        errors.add(error("$.to[" + i + "]", "a recipient is an address or a customer id"));
                    } else {
                        to.add(t.get(i).textValue().trim());
                    }
                }
            }
        }
        Optional<String> rule = text(args, "audience_rule", 64, errors);
        List<String> rules = customerRules(model);
        if (rule.isPresent() && !rules.contains(rule.get())) {
            errors.add(new ToolError("unknown_rule", "$.audience_rule", "no customer rule is named '" + rule.get() + "'",
                    Suggestions.rank(rule.get(), rules)));
        }
        Optional<JsonNode> audience = Optional.empty();
        JsonNode a = args.get("audience");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                errors.add(error("$.audience", "'audience' is a condition object, {} for every customer"));
            } else {
                audience = Optional.of(a.deepCopy());
            }
        }
        Optional<String> promotion = text(args, "promotion_code", 64, errors);
        Optional<String> subject = text(args, "subject", MAX_SUBJECT, errors);
        Optional<String> message = text(args, "message", MAX_MESSAGE, errors);
        boolean resend = false;
        JsonNode r = args.get("resend");
        if (r != null && !r.isNull()) {
            if (!r.isBoolean()) {
                errors.add(error("$.resend", "'resend' is true or false"));
            } else {
                resend = r.booleanValue();
            }
        }
        if (to.isEmpty() && rule.isEmpty() && audience.isEmpty() && errors.isEmpty()) {
            errors.add(error("$", "say who receives the e-mail: 'to' (addresses or customer ids), 'audience' or 'audience_rule'"));
        }
        if (promotion.isEmpty() && (subject.isEmpty() || message.isEmpty()) && errors.isEmpty()) {
            errors.add(error("$", "say what the e-mail is about: 'promotion_code' (a code or 'newest'), or 'subject' and 'message'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidArgumentsException(errors);
        }
        return new SendEmailArguments(List.copyOf(to), audience, rule, promotion, subject, message, resend);
    }

    private static Optional<String> text(JsonNode args, String name, int max, List<ToolError> errors) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            errors.add(error("$." + name, "'" + name + "' is a non-empty string"));
            return Optional.empty();
        }
        if (v.textValue().length() > max) {
            errors.add(error("$." + name, "'" + name + "' has at most " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(v.textValue().trim());
    }

    private static ToolError error(String path, String message) {
        return new ToolError("invalid_argument", path, message, List.of());
    }
}
