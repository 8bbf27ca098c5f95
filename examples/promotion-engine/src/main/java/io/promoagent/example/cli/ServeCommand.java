package io.promoagent.example.cli;

import io.promoagent.core.audit.BrokenAuditChainException;
import io.promoagent.email.EmailAddress;
import io.promoagent.example.app.ApprovalRequestOptions;
import io.promoagent.example.app.DataFolderException;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.server.AgentServer;
import io.promoagent.example.server.EndpointPolicy;
import io.promoagent.schema.AgentException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code serve}: the agent over the demo data in embedded DynamoDB Local and PostgreSQL, behind the WebSocket endpoint
 * {@code /agent} and the web page at {@code /}, until the process is stopped.
 */
public final class ServeCommand implements Command {

    private static final Set<String> OWN = Set.of("--port", "--host", "--data-dir", "--allowed-origin", "--allowed-host",
            "--approval-ttl", "--notify-email", "--notify-smtp", "--notify-webhook", "--public-url");
    private static final Set<String> REPEATABLE = Set.of("--allowed-origin", "--allowed-host", "--notify-email");
    private static final int DEFAULT_PORT = 8080;

    private final Clock clock;

    public ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Serve the web page and the /agent WebSocket endpoint over the demo data";
    }

    @Override
    public String synopsis() {
        return "[--port N] [--host ADDRESS] [--data-dir DIR [--open-broken-audit]] [--allowed-origin URL]..."
                + " [--allowed-host NAME]... [--approval-ttl DURATION] [--notify-email ADDRESS]... [--notify-smtp HOST:PORT]"
                + " [--notify-webhook URL] [--public-url URL] " + DemoDataOptions.SYNOPSIS + " [--layout federated|dynamodb]"
                + " [--data-model FILE --data DIR] [--model bedrock:ID | openai:MODEL --base-url URL]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "",
                "  --port N             the port (default " + DEFAULT_PORT + "; 0 picks a free one)",
                "  --host ADDRESS       the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
                "  --data-dir DIR       keep the data (both databases), the approvals and the audit chain in DIR across",
                "                       restarts: the first start loads the data there, later starts serve what DIR",
                "                       holds (in its layout, with the date it was loaded for as today). Without it",
                "                       everything is in memory",
                "  --allowed-origin URL another web page's origin (https://tools.example.com) allowed to use the",
                "                       server; repeatable. By default only the server's own page may",
                "  --allowed-host NAME  a host name the server may be reached by beside localhost, 127.0.0.1 and",
                "                       [::1] (and --host); repeatable. Other names are refused (DNS rebinding)",
                "  --approval-ttl DURATION  how long a proposal waits for a decision, on the real clock, before it",
                "                       expires: 15m, 90s, 2h or PT15M (default 15m)",
                "  --notify-email ADDRESS  e-mail each proposal to this approver (summary, counts, predicted figures,",
                "                       a link to the approval); repeatable. Through --notify-smtp, else into the",
                "                       demo's outbox (the page's outbox view)",
                "  --notify-smtp HOST:PORT  the SMTP server approval requests are sent through (no TLS: a local relay)",
                "  --notify-webhook URL a Slack or Microsoft Teams incoming webhook told of each proposal (summary,",
                "                       counts, link; never an e-mail address)",
                "  --public-url URL     the page's address in those links (default: http://localhost:PORT/)",
                "  --open-broken-audit  start even when the audit chain in DIR does not verify (it is checked at every",
                "                       start against the anchor DIR/audit-anchor and refused, naming the record)"));
        lines.addAll(EngineArguments.HELP);
        lines.addAll(List.of("",
                "At start, serve prints a sign-in link (http://localhost:PORT/#signin=SECRET): open it to use the",
                "page as analyst, marketer or approver. The demo users' API keys are random, printed at start and,",
                "with --data-dir, kept in DIR. The protocol of /agent is in docs/websocket-protocol.md.", ""));
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Running running;
        try {
            running = start(args, out, err);
        } catch (DataFolderException | PortInUse.Refused e) {
            err.println("promo-agent serve: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        if (running == null) {
            return PromoAgentCli.EXIT_SUCCESS;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "promo-agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PromoAgentCli.EXIT_SUCCESS;
    }

    /** Starts the engine and the server and says where; null when only help was asked for. */
    Running start(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, CommandArguments.union(EngineArguments.OPTIONS, OWN),
                Set.of("--help", "--open-broken-audit"), 0, REPEATABLE);
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return null;
        }
        int port = (int) arguments.longValue("--port", DEFAULT_PORT, 0, 65_535);
        String host = arguments.value("--host").orElse("127.0.0.1");
        EngineOptions options = EngineArguments.options(arguments, clock)
                .withApprovalTtl(arguments.durationValue("--approval-ttl", EngineOptions.DEFAULT_APPROVAL_TTL));
        EndpointPolicy policy = policy(arguments, host);
        ApprovalRequestOptions notify = approvalRequests(arguments);
        // checked before the data is loaded, which takes a minute for large data sets
        Optional<String> busy = PortInUse.check(host, port);
        if (busy.isPresent()) {
            throw new PortInUse.Refused(busy.get());
        }
        if (arguments.value("--data-dir").isPresent()) {
            options = options.withDataDir(Path.of(arguments.value("--data-dir").get()));
            if (arguments.hasFlag("--open-broken-audit")) {
                options = options.withOpenBrokenAudit();
            }
            err.println("promo-agent: opening the data folder " + options.dataDir().get()
                    + " (the data is loaded at its first start, then kept)...");
        } else {
            err.println(EngineArguments.loading(options));
        }
        PromotionEngine engine;
        try {
            engine = PromotionEngine.start(options, TerminalProgress.forProcess(err, System.getenv()));
        } catch (DataFolderException e) {
            throw e; // not the command line's fault: the folder is in use or damaged
        } catch (BrokenAuditChainException e) {
            throw new DataFolderException(e.getMessage() + "; start with --open-broken-audit to serve it anyway");
        } catch (AgentException e) {
            throw new UsageException(e.getMessage());
        }
        AgentServer server;
        try {
            server = AgentServer.start(engine, host, port, policy);
        } catch (RuntimeException e) {
            engine.close();
            // taken while the data loaded: the same one line as the check before loading
            if (PortInUse.check(host, port).isPresent()) {
                throw new PortInUse.Refused(PortInUse.message(host, port));
            }
            throw new UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        String page0 = "http://" + (host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host) + ":" + server.port() + "/";
        engine.requestApprovals(notify, URI.create(page0));
        String users = engine.demoUsers().stream().map(u -> u.principal().id() + " " + u.apiKey())
                .collect(Collectors.joining(", "));
        String page = page0;
        out.printf("promo-agent: serving %s (%s; data as of %s; proposals expire after %s). Stop with Ctrl+C.%n",
                page, EngineArguments.planner(options), engine.today(), options.approvalTtl().toString().substring(2).toLowerCase());
        out.println(EngineArguments.holdings(engine));
        out.printf("promo-agent: sign in at %s#signin=%s%n", page, engine.signInSecret());
        out.printf("promo-agent: demo keys (%s): %s%n", options.dataDir().map(d -> "kept in " + d).orElse("for this process"), users);
        if (notify.any()) {
            out.printf("promo-agent: approval requests go to %s%n", describe(notify));
        }
        out.flush();
        return new Running(engine, server);
    }

    /** Who is told of each proposal, read and checked before anything starts. */
    private static ApprovalRequestOptions approvalRequests(CommandArguments arguments) throws UsageException {
        List<EmailAddress> approvers = new ArrayList<>();
        for (String a : arguments.values("--notify-email")) {
            if (!EmailAddress.isAddress(a)) {
                throw new UsageException("--notify-email: '" + a + "' is not an e-mail address");
            }
            approvers.add(EmailAddress.of(a));
        }
        Optional<URI> webhook = Optional.empty();
        if (arguments.value("--notify-webhook").isPresent()) {
            webhook = Optional.of(httpUrl("--notify-webhook", arguments.value("--notify-webhook").get()));
        }
        Optional<URI> page = Optional.empty();
        if (arguments.value("--public-url").isPresent()) {
            page = Optional.of(httpUrl("--public-url", arguments.value("--public-url").get()));
        }
        Optional<String> smtp = arguments.value("--notify-smtp");
        if (smtp.isPresent() && approvers.isEmpty()) {
            throw new UsageException("--notify-smtp needs at least one --notify-email to send to");
        }
        try {
            return new ApprovalRequestOptions(approvers, smtp, webhook, page);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--notify-smtp: " + e.getMessage());
        }
    }

    private static URI httpUrl(String option, String text) throws UsageException {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new UsageException(option + ": '" + text + "' is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(option + ": '" + text + "' is not a URL");
        }
    }

    private static String describe(ApprovalRequestOptions n) {
        List<String> parts = new ArrayList<>();
        if (!n.approvers().isEmpty()) {
            parts.add(n.approvers().size() + (n.approvers().size() == 1 ? " approver" : " approvers") + " by e-mail ("
                    + n.smtp().map(s -> "SMTP " + s).orElse("into the demo's outbox") + ")");
        }
        n.webhook().ifPresent(w -> parts.add("the webhook at " + w.getHost()));
        return String.join(" and ", parts);
    }

    /** The pages and host names let in: {@code --allowed-origin}, {@code --allowed-host}, and the {@code --host} listened on. */
    private static EndpointPolicy policy(CommandArguments arguments, String host) throws UsageException {
        Set<String> hosts = new HashSet<>(arguments.values("--allowed-host"));
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            hosts.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        try {
            return new EndpointPolicy(Set.copyOf(arguments.values("--allowed-origin")), hosts);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allowed-origin: " + e.getMessage());
        }
    }

    /** A started engine and server, closed together. */
    record Running(PromotionEngine engine, AgentServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            engine.close();
        }
    }
}
