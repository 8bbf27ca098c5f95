package io.promoagent.example.cli;

import io.promoagent.core.security.Principal;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.AgentServer;
import io.promoagent.example.server.DemoUser;
import io.promoagent.mcp.McpAgentServer;
import io.promoagent.mcp.McpHttpAccess;
import io.promoagent.mcp.McpServerException;
import io.promoagent.mcp.RunningMcpServer;
import io.promoagent.schema.AgentException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code promo-agent mcp}: the demo's tools over the Model Context Protocol, on standard input and output (the
 * default, as MCP clients such as Claude Desktop start servers) or on streamable HTTP with {@code --http PORT}.
 * Write tools only propose; with {@code --ui PORT} the demo's web app runs beside it, where the approver decides.
 */
public final class McpCommand implements Command {

    private static final Set<String> OWN = Set.of("--http", "--host", "--ui", "--as");

    private final Clock clock;
    private final InputStream in;

    public McpCommand(Clock clock, InputStream in) {
        this.clock = clock;
        this.in = in;
    }

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public String summary() {
        return "Serve the demo's tools over MCP (stdio, or streamable HTTP); write tools only propose";
    }

    @Override
    public String synopsis() {
        return "[--http PORT [--host HOST]] [--ui PORT] [--as USER] " + DemoDataOptions.SYNOPSIS
                + " [--data-model FILE --data DIR]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent mcp " + synopsis(),
                summary() + ".",
                "Over stdio, standard output carries the protocol alone; messages go to standard error.",
                "",
                "  --http PORT          serve streamable HTTP at http://HOST:PORT/mcp instead of stdio; every request",
                "                       needs a demo user's key as bearer token (random per run, printed at start),",
                "                       and browser origins other than localhost are refused",
                "  --host HOST          the address to listen on with --http (default 127.0.0.1)",
                "  --ui PORT            also serve the demo web app on this port, where the approver decides",
                "  --as USER            over stdio, whom the calls are made as: analyst, marketer (default), approver"));
        lines.addAll(EngineArguments.HELP);
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, CommandArguments.union(EngineArguments.OPTIONS, OWN),
                Set.of("--help"));
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        boolean http = arguments.value("--http").isPresent();
        int httpPort = (int) arguments.longValue("--http", 0, 0, 65_535);
        Optional<Integer> uiPort = arguments.value("--ui").isPresent()
                ? Optional.of((int) arguments.longValue("--ui", 0, 0, 65_535)) : Optional.empty();
        Principal principal = EngineArguments.user(arguments);
        EngineOptions options = EngineArguments.options(arguments, clock);
        // over stdio the protocol owns standard output: whatever else would print there goes to standard error
        PrintStream stdout = System.out;
        if (!http) {
            System.setOut(err);
        }
        err.println(EngineArguments.loading(options));
        try (PromotionEngine engine = PromotionEngine.start(options)) {
            AgentServer ui = uiPort.map(p -> AgentServer.start(engine, "127.0.0.1", p)).orElse(null);
            String decideAt = ui != null
                    ? "http://localhost:" + ui.port() + "/ (the demo web app: open the sign-in link printed at start, then switch to the approver)"
                    : "nowhere yet: the demo keeps approvals in this process; start it with --ui PORT, "
                            + "then an approver decides in the web app";
            McpAgentServer server = McpAgentServer.builder(engine.toolExecutor()).clock(clock).decideAt(decideAt)
                    .serverInfo("promo-agent-demo", "0.1.0").build();
            CountDownLatch done = new CountDownLatch(1);
            RunningMcpServer running = http
                    ? server.serveHttp(access(engine, arguments.value("--host").orElse("127.0.0.1"), httpPort))
                    : server.serveStdio(principal, new EndSignallingInput(in, done), out);
            Thread hook = new Thread(done::countDown, "promo-agent-mcp-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (http) {
                String keys = engine.demoUsers().stream().map(u -> u.apiKey() + " (" + u.principal().id() + ")")
                        .collect(Collectors.joining(", "));
                out.println("promo-agent: MCP over streamable HTTP at " + running.endpoint().orElseThrow()
                        + "; bearer tokens " + keys + ". Stop with Ctrl+C.");
                out.flush();
            } else {
                err.println("promo-agent: MCP over stdio as " + principal.id() + "; approvals: " + decideAt);
            }
            if (ui != null) {
                err.println("promo-agent: the demo web app: sign in at http://localhost:" + ui.port() + "/#signin="
                        + engine.signInSecret());
            }
            done.await();
            running.close();
            if (ui != null) {
                ui.close();
            }
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (McpServerException e) {
            err.println("promo-agent mcp: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } catch (AgentException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PromoAgentCli.EXIT_FAILURE;
        } finally {
            System.setOut(stdout);
        }
    }

    /** The demo users' keys as bearer tokens, and browser pages on this machine as the only allowed origins. */
    private static McpHttpAccess access(PromotionEngine engine, String host, int port) {
        McpHttpAccess.Builder access = McpHttpAccess.builder().host(host).port(port)
                .allowedOrigin("http://localhost:*").allowedOrigin("http://127.0.0.1:*");
        for (DemoUser user : engine.demoUsers()) {
            access.token(user.apiKey(), user.principal());
        }
        return access.build();
    }

    /** Standard input that says when it ends: the MCP client closed it, so the server stops. */
    private static final class EndSignallingInput extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignallingInput(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return signal(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return signal(super.read(b, off, len));
        }

        private int signal(int n) {
            if (n < 0) {
                ended.countDown();
            }
            return n;
        }
    }
}
