package io.promoagent.core.docs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.RecordBlock;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.ErrorCode;

/** The READ tool of docs/tools.md: one customer's card. (Kept compiling by this test source set.) */
public final class CustomerCardTool implements ReadTool {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QueryEngine engine;
    private final ToolDescriptor descriptor;

    public CustomerCardTool(QueryEngine engine) {
        this.engine = engine;
        ObjectNode parameters = JSON.objectNode().put("type", "object").put("additionalProperties", false);
        parameters.putObject("properties").putObject("customerId")
                .put("type", "string")
                .put("description", "The customer's id, such as C00042");
        parameters.putArray("required").add("customerId");
        this.descriptor = ToolDescriptor.of("customer_card",
                "Shows one customer's card: name, segment, spend and e-mail.",
                parameters, ToolEffect.READ, "card", "customer", "profile");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        // the executor has checked the top level already: customerId is present and a string
        String id = call.arguments().get("customerId").asText();
        if (!id.matches("C\\d{5}")) {
            throw new InvalidArgumentsException(ToolError.of(ErrorCode.WRONG_VALUE_TYPE, "$.customerId",
                    "a customer id is C followed by five digits, not '" + id + "'"));
        }
        QueryResult result = engine.execute(Query.builder("customers").where(Compare.eq("id", id)).build());
        if (result.rows().isEmpty()) {
            return ToolResult.ok("no customer " + id, JSON.objectNode().put("found", false));
        }
        Row customer = result.rows().get(0);
        // the person sees the whole card, e-mail included ...
        RecordBlock card = new RecordBlock("customers", customer.values());
        // ... the model only fields of visibility "model": never the e-mail
        ObjectNode forModel = JSON.objectNode().put("found", true);
        forModel.put("name", (String) customer.valueOrNull("name"));
        forModel.put("segment", (String) customer.valueOrNull("segment"));
        return ToolResult.ok("the card of customer " + id, forModel, card);
    }
}
