package io.promoagent.example.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.schema.AgentException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client of a running server's HTTP API ({@code /api/...}), for the commands that work on a server as
 * {@code kubectl} works on a cluster rather than starting an engine of their own. Every request carries the
 * API key as {@code Authorization: Bearer KEY}.
 */
final class AgentServerClient {

    /** Where {@code promo-agent serve} listens by default. */
    static final String DEFAULT_URL = "http://localhost:8080";
    /** The environment variable that holds the API key when {@code --key} is not given. */
    static final String KEY_VARIABLE = "PROMO_AGENT_KEY";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for an approval that applies a change to many records. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** One answer: its status, its body as text and as JSON. */
    record Answer(int status, String body, JsonNode json) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String key;

    private AgentServerClient(URI base, String key) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.base = base;
        this.key = key;
    }

    /**
     * The client that {@code --url} and {@code --key} ask for; the key comes from {@code PROMO_AGENT_KEY}
     * when {@code --key} is absent. The demo's keys are random ({@code serve} prints them), so there is no
     * default: {@code demoUser} only names, in the error, whose key would do.
     */
    static AgentServerClient of(CommandArguments arguments, Map<String, String> environment, String demoUser)
            throws UsageException {
        String url = arguments.value("--url").orElse(DEFAULT_URL);
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a valid address: '" + url + "'");
        }
        boolean http = "http".equals(base.getScheme()) || "https".equals(base.getScheme());
        if (!http || base.getHost() == null) {
            throw new UsageException("--url must be an http:// or https:// address such as " + DEFAULT_URL
                    + ", got '" + url + "'");
        }
        String key = arguments.value("--key")
                .or(() -> Optional.ofNullable(environment.get(KEY_VARIABLE)).filter(k -> !k.isBlank()))
                .orElseThrow(() -> new UsageException("--key KEY or $" + KEY_VARIABLE + " is required: 'promo-agent serve'"
                        + " prints the demo users' keys (the " + demoUser + "'s would do)"));
        if (key.isBlank()) {
            throw new UsageException("--key must not be empty");
        }
        return new AgentServerClient(base, key);
    }

    /** The value options of a command that talks to a server: {@code --url}, {@code --key} and its own. */
    static Set<String> options(String... own) {
        Set<String> options = new HashSet<>(Set.of("--url", "--key"));
        options.addAll(List.of(own));
        return options;
    }

    /** The help lines of {@code --url} and {@code --key}. */
    static List<String> help(String demoUser) {
        return List.of(
                "  --url URL            the server, as started by 'promo-agent serve' (default " + DEFAULT_URL + ")",
                "  --key KEY            the API key to act with (default: $" + KEY_VARIABLE + "); serve prints the",
                "                       demo users' keys at start (the " + demoUser + "'s will do)");
    }

    /** The server's address, as shown in messages. */
    String url() {
        return base.toString();
    }

    /** An approval id as one segment of a path. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Reads a view such as {@code /api/audit}.
     *
     * @throws ServerRequestException when there is no server, it refuses the request or answers other than JSON
     */
    JsonNode get(String path) {
        Answer answer = send(request(path).GET().build());
        if (!answer.ok()) {
            throw refusal(answer);
        }
        return answer.json();
    }

    /**
     * Posts a JSON body and returns the answer whatever its status, for requests whose refusals are answers
     * (a decision's error reply); an unknown key is still an exception.
     *
     * @throws ServerRequestException when there is no server, it refuses the key or answers other than JSON
     */
    Answer post(String path, JsonNode body) {
        Answer answer = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
        if (answer.status() == 401) {
            throw refusal(answer);
        }
        return answer;
    }

    /**
     * Posts a request whose answer is a reply (a decision, a rollback) and prints it: the reply's text, or with
     * {@code json} the server's JSON; a refusal, an error reply or an answer that is not a reply is said on
     * {@code err} after {@code refused} and gives exit code 1.
     */
    int postForReply(String path, JsonNode body, boolean json, String refused, PrintStream out, PrintStream err) {
        Answer answer;
        try {
            answer = post(path, body);
        } catch (ServerRequestException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        if (json) {
            out.println(ReplyJson.writeTree(answer.json()));
        }
        if (!answer.ok()) {
            err.println(refused + message(answer.json()));
            return PromoAgentCli.EXIT_FAILURE;
        }
        // the status says it went through; the reply must agree
        Reply reply;
        try {
            reply = ReplyJson.read(answer.body());
        } catch (AgentException e) {
            err.println(refused + "the server's answer is not a reply: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        if (reply.hasError()) {
            err.println(refused + message(answer.json()));
            return PromoAgentCli.EXIT_FAILURE;
        }
        if (!json) {
            out.print(ReplyText.render(reply));
        }
        return PromoAgentCli.EXIT_SUCCESS;
    }

    /** The sentence that says why the server did not do what was asked. */
    ServerRequestException refusal(Answer answer) {
        String message = message(answer.json());
        if (answer.status() == 401) {
            return new ServerRequestException("the server at " + url() + " does not accept the API key: " + message
                    + "; give one with --key or " + KEY_VARIABLE);
        }
        return new ServerRequestException(message + " (HTTP " + answer.status() + " from " + url() + ")");
    }

    /** The message of an {@code error} answer or of a reply's {@code error} block. */
    static String message(JsonNode json) {
        if (json.hasNonNull("message")) {
            return json.get("message").asText();
        }
        for (JsonNode block : json.path("blocks")) {
            if ("error".equals(block.path("type").asText())) {
                return block.path("message").asText() + " (" + block.path("code").asText() + ")";
            }
        }
        // Javalin's own answers (an unknown route) carry a title
        return json.hasNonNull("title") ? json.get("title").asText() : json.path("text").asText("the server gave no reason");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerRequestException("no server at " + url() + ": start one with bin/promo-agent serve"
                    + " (or give its address with --url)");
        } catch (HttpTimeoutException e) {
            throw new ServerRequestException("the server at " + url() + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new ServerRequestException("the server at " + url() + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerRequestException("interrupted while waiting for " + url());
        }
        JsonNode json;
        try {
            json = ReplyJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isContainerNode()) {
            throw new ServerRequestException("the server at " + url() + " answered " + request.method() + " "
                    + request.uri().getPath() + " with HTTP " + response.statusCode()
                    + " and no JSON: is it a promo-agent server of this version?");
        }
        return new Answer(response.statusCode(), response.body(), json);
    }
}
