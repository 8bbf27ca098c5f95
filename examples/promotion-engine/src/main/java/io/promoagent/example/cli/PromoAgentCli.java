package io.promoagent.example.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code promo-agent} command line: finds the subcommand named by the first words of the arguments and
 * runs it. Exit codes: 0 success, 1 failure while running, 2 a command line that cannot be understood.
 */
public final class PromoAgentCli {
    /** The exit code of a command that did what it was asked. */
    public static final int EXIT_SUCCESS = 0;
    /** The exit code of a command that was understood but failed while running, for example on I/O. */
    public static final int EXIT_FAILURE = 1;
    /** The exit code of a command line that cannot be understood. */
    public static final int EXIT_USAGE = 2;

    private final List<Command> commands;

    /** The CLI with all of the application's commands; the clock tells them what today is. */
    public PromoAgentCli(Clock clock) {
        this(clock, System.getenv());
    }

    /**
     * The CLI with all of the application's commands.
     *
     * @param environment the variables the commands read, such as {@code PROMO_AGENT_KEY}
     */
    public PromoAgentCli(Clock clock, Map<String, String> environment) {
        this(List.of(new AskCommand(clock, System.in), new QueryCommand(clock, System.in), new ServeCommand(clock),
                new McpCommand(clock, System.in),
                new ApprovalsListCommand(environment), new ApprovalShowCommand(environment), ApprovalDecisionCommand.approve(environment),
                ApprovalDecisionCommand.reject(environment), new ApprovalRollbackCommand(environment), new AuditVerifyCommand(environment),
                new DemoDataExportCommand(clock), new BenchCapacityCommand(clock), new BenchBacktestCommand(clock),
                new BenchPlannerCommand(clock), new BenchPromptCommand(), new BenchWsCommand(clock), new BenchFederationCommand(clock)));
    }

    /** A CLI with these commands; the order is the order of the help. */
    public PromoAgentCli(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    public static void main(String[] args) {
        int exitCode = new PromoAgentCli(Clock.systemDefaultZone()).run(args, System.out, System.err);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs the command line and returns the process exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty()) {
            return usageError("no command given", err);
        }
        if (isHelp(words.get(0))) {
            return help(words.subList(1, words.size()), out, err);
        }
        Optional<Command> found = find(words);
        if (found.isEmpty()) {
            return usageError("unknown command '" + String.join(" ", leadingWords(words)) + "'", err);
        }
        Command command = found.get();
        List<String> commandArgs = words.subList(command.name().split(" ").length, words.size());
        try {
            return command.run(commandArgs, out, err);
        } catch (UsageException e) {
            err.println("promo-agent " + command.name() + ": " + e.getMessage());
            err.println("Usage: promo-agent " + command.name() + " " + command.synopsis());
            return EXIT_USAGE;
        }
    }

    private int help(List<String> topic, PrintStream out, PrintStream err) {
        if (topic.isEmpty()) {
            out.print(overview());
            return EXIT_SUCCESS;
        }
        Optional<Command> command = find(topic);
        if (command.isEmpty()) {
            return usageError("no help for unknown command '" + String.join(" ", topic) + "'", err);
        }
        out.print(command.get().help());
        return EXIT_SUCCESS;
    }

    /** The command whose name the arguments start with; the longest name wins. */
    private Optional<Command> find(List<String> words) {
        Command found = null;
        int foundLength = 0;
        for (Command command : commands) {
            List<String> name = Arrays.asList(command.name().split(" "));
            boolean matches = words.size() >= name.size() && words.subList(0, name.size()).equals(name);
            if (matches && name.size() > foundLength) {
                found = command;
                foundLength = name.size();
            }
        }
        return Optional.ofNullable(found);
    }

    private int usageError(String message, PrintStream err) {
        err.println("promo-agent: " + message);
        err.print(overview());
        return EXIT_USAGE;
    }

    private String overview() {
        StringBuilder text = new StringBuilder("Usage: promo-agent <command> [options]\n\nCommands:\n");
        int width = "help".length();
        for (Command command : commands) {
            width = Math.max(width, command.name().length());
        }
        for (Command command : commands) {
            text.append(String.format("  %-" + width + "s   %s\n", command.name(), command.summary()));
        }
        text.append(String.format("  %-" + width + "s   %s\n", "help", "Show this help, or a command's help"));
        text.append("\nRun 'promo-agent <command> --help' for the options of a command.\n");
        return text.toString();
    }

    /** The words before the first option, at most two: what the user meant as a command's name. */
    private static List<String> leadingWords(List<String> words) {
        int count = 0;
        while (count < Math.min(2, words.size()) && !words.get(count).startsWith("-")) {
            count++;
        }
        return words.subList(0, Math.max(1, count));
    }

    private static boolean isHelp(String word) {
        return word.equals("help") || word.equals("--help") || word.equals("-h");
    }
}
