package io.promoagent.example.minimal;

import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ask} with {@code {"question": "..."}} answers with the reply as JSON (the format of
 * {@link ReplyJson}: text and blocks such as tables and metrics).
 *
 * <p>Everyone is the same read-only analyst here, because the example has no sign-in. A real service puts
 * Spring Security in front and maps the signed-in user and their roles to the {@link Principal}: the
 * roles decide which tools may run and who may approve a change.
 */
@RestController
class AskController {

    private static final Principal ANALYST = Principal.of("analyst", "analyst");

    private final Orchestrator orchestrator;

    AskController(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    record Question(String question) {
    }

    @PostMapping(path = "/ask", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    String ask(@RequestBody Question question) {
        Reply reply = orchestrator.handle(AgentRequest.of(question.question(), ANALYST));
        return ReplyJson.write(reply);
    }
}
