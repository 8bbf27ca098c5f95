package io.promoagent.example.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of the {@code promo-agent} CLI, such as {@code demo-data export}.
 *
 * <p>A command writes its results to {@code out} and its diagnostics to {@code err}, so that results can be
 * piped; it reports bad input by throwing {@link UsageException}, which the CLI turns into exit code 2.
 */
public interface Command {

    /** The words that select the command, for example {@code demo-data export}. */
    String name();

    /** One line saying what the command does, for the CLI's help. */
    String summary();

    /** The synopsis of the command's options, for example {@code [--seed N] --out DIR}. */
    String synopsis();

    /** The command's full help: synopsis, then one line per option. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the process exit code: 0 for success
     * @throws UsageException if the arguments are not valid for this command
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
