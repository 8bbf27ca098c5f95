package io.promoagent.example.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import java.util.Iterator;
import java.util.Optional;

/**
 * The request body and the answer status of {@code POST /api/approvals/{id}/approve} and {@code .../reject}:
 * the body carries at most a reason, read as strictly as the WebSocket's {@code approve} and {@code reject}
 * messages; the status says what kind of refusal an error reply is, so that a client can tell an unknown
 * approval from a refused one without reading codes.
 */
final class HttpDecisions {

    private HttpDecisions() {
    }

    /**
     * The reason in a decision's body: empty text when the body is empty or gives none.
     *
     * @throws ProtocolException with code {@code bad_request} when the body is not {@code {"reason": "..."}}
     */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode json = ClientMessage.readStrictly(body, ServerMessages.mapper(),
                "the body must be a JSON object such as {\"reason\": \"...\"}");
        if (json == null || !json.isObject()) {
            throw bad("the body must be a JSON object such as {\"reason\": \"...\"}");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("reason")) {
                throw bad("unknown field '" + name + "' in a decision; only 'reason' is allowed");
            }
        }
        JsonNode reason = json.get("reason");
        if (reason == null || reason.isNull()) {
            return "";
        }
        if (!reason.isTextual()) {
            throw bad("'reason' must be a string");
        }
        if (reason.textValue().length() > ClientMessage.MAX_REASON_CHARS) {
            throw bad("'reason' may hold at most " + ClientMessage.MAX_REASON_CHARS + " characters");
        }
        return reason.textValue();
    }

    /** The HTTP status of a decision's reply: 200 when it went through, 4xx or 503 by the refusal's code. */
    static int status(Reply reply) {
        Optional<ErrorBlock> error = reply.block(ErrorBlock.class);
        if (error.isEmpty()) {
            return 200;
        }
        String code = error.get().code();
        if (code.equals(ApprovalException.UNKNOWN_APPROVAL)) {
            return 404;
        }
        if (code.equals(ApprovalException.NOT_AN_APPROVER) || code.equals(ApprovalException.SELF_APPROVAL)
                || code.equals("denied")) {
            return 403;
        }
        if (code.equals("reason_required") || code.equals(ApprovalException.AMBIGUOUS_ID)
                || code.equals(ApprovalException.ID_TOO_SHORT)) {
            return 400;
        }
        if (code.equals("audit_unavailable")) {
            return 503;
        }
        // not pending, expired, a token or a change set that no longer holds: the approval's state forbids it
        return 409;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(), message);
    }
}
