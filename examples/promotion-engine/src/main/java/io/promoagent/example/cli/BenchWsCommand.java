package io.promoagent.example.cli;

import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.AgentServer;
import io.promoagent.example.server.DevSetReads;
import io.promoagent.example.server.EchoBackend;
import io.promoagent.example.server.WsBenchmark;
import io.promoagent.schema.AgentException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code bench ws}: many WebSocket clients ask the development set's read requests at once, against a
 * server started in this process or a running one ({@code --url}); prints throughput and latency, and
 * fails when a reply was lost or reached the wrong client.
 */
public final class BenchWsCommand implements Command {

    private static final Set<String> OWN = Set.of("--clients", "--requests", "--warmup", "--url", "--key", "--timeout");

    private final Clock clock;

    public BenchWsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench ws";
    }

    @Override
    public String summary() {
        return "Load-test the /agent WebSocket endpoint with the development set's read requests";
    }

    @Override
    public String synopsis() {
        return "[--clients N] [--requests N] [--warmup N] [--url ws://HOST:PORT/agent | --echo] [--key KEY] [--json]"
                + " " + DemoDataOptions.SYNOPSIS;
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "Each client asks its requests one after another; the figures cover all clients together.",
                "",
                "  --clients N          connections at once (default 100)",
                "  --requests N         measured requests per client (default 20)",
                "  --warmup N           unmeasured requests per client first (default 5)",
                "  --url URL            a running server's endpoint; without it a server is started in this process",
                "  --echo               start a server whose backend answers at once with a fixed table, without",
                "                       the agent: measures the endpoint and its transport alone",
                "  --key KEY            the API key the clients sign in with (default analyst-key)",
                "  --timeout SECONDS    how long each phase may take (default 120)",
                "  --json               print the result as JSON"));
        lines.addAll(EngineArguments.HELP);
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, CommandArguments.union(EngineArguments.OPTIONS, OWN),
                Set.of("--json", "--echo", "--help"));
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        int clients = (int) arguments.longValue("--clients", 100, 1, 10_000);
        int requests = (int) arguments.longValue("--requests", 20, 1, 1_000_000);
        int warmup = (int) arguments.longValue("--warmup", 5, 0, 1_000_000);
        Duration timeout = Duration.ofSeconds(arguments.longValue("--timeout", 120, 1, 86_400));
        String key = arguments.value("--key").orElse("analyst-key");
        // checked even where --url or --echo leaves them unused: every command refuses the same bad values
        EngineOptions options = EngineArguments.options(arguments, clock);
        PromotionEngine engine = null;
        AgentServer server = null;
        URI endpoint;
        try {
            if (arguments.value("--url").isPresent()) {
                if (arguments.hasFlag("--echo")) {
                    throw new UsageException("--echo starts its own server; it does not go with --url");
                }
                endpoint = endpoint(arguments.value("--url").get());
            } else if (arguments.hasFlag("--echo")) {
                err.println("promo-agent: starting a server with the echo backend (no agent)...");
                server = AgentServer.start(new EchoBackend(), "127.0.0.1", 0);
                endpoint = URI.create("ws://127.0.0.1:" + server.port() + "/agent");
            } else {
                err.println(EngineArguments.loading(options).replace("...", " (" + EngineArguments.planner(options) + ")..."));
                engine = PromotionEngine.start(options, TerminalProgress.forProcess(err, System.getenv()));
                server = AgentServer.start(engine, "127.0.0.1", 0);
                endpoint = URI.create("ws://127.0.0.1:" + server.port() + "/agent");
            }
            err.printf("promo-agent: %d clients x (%d warm-up + %d measured) requests against %s%n", clients, warmup, requests, endpoint);
            TerminalProgress progress = TerminalProgress.forProcess(err, System.getenv());
            long expected = (long) clients * requests;
            WsBenchmark.Result result = WsBenchmark.run(new WsBenchmark.Settings(endpoint, key, clients, requests, warmup,
                    DevSetReads.REQUESTS, timeout), n -> progress.count("measured requests answered", n, expected));
            progress.done();
            out.println(arguments.hasFlag("--json") ? ReplyJson.writeTree(result.toJson()) : result.toText());
            result.firstErrors().forEach(e -> err.println("promo-agent: error reply: " + e));
            return result.misrouted() == 0 && result.lost() == 0 ? PromoAgentCli.EXIT_SUCCESS : PromoAgentCli.EXIT_FAILURE;
        } catch (AgentException | IllegalStateException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PromoAgentCli.EXIT_FAILURE;
        } finally {
            if (server != null) {
                server.close();
            }
            if (engine != null) {
                engine.close();
            }
        }
    }

    private static URI endpoint(String url) throws UsageException {
        try {
            URI uri = URI.create(url);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new UsageException("--url must be a ws:// or wss:// address, got '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a valid address: '" + url + "'");
        }
    }
}
