package io.promoagent.example.cli;

import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** {@code demo-data export}: writes the deterministic demo data set as JSON lines into a directory. */
public final class DemoDataExportCommand implements Command {
    private static final String OUT = "--out";
    private static final String HELP = "--help";

    private final Clock clock;

    /** @param clock tells what today is when {@code --now} is not given */
    public DemoDataExportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "demo-data export";
    }

    @Override
    public String summary() {
        return "Write the deterministic demo data set (customers, orders, promotions) as JSON lines";
    }

    @Override
    public String synopsis() {
        return DemoDataOptions.SYNOPSIS + " --out DIR";
    }

    @Override
    public String help() {
        return EngineArguments.demoDataHelp(this, "the data treats",
                "  --out DIR            directory to write customers.jsonl, orders.jsonl, promotions.jsonl and"
                        + " manifest.json to",
                "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, CommandArguments.union(DemoDataOptions.OPTIONS,
                Set.of(OUT)), Set.of(HELP));
        if (arguments.hasFlag(HELP)) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        DemoDataOptions demo = DemoDataOptions.parse(arguments, LocalDate.now(clock));
        Path directory = outputDirectory(arguments.required(OUT));

        DemoData data = demo.generate();
        try {
            DemoDataExporter.export(data, directory);
        } catch (IOException e) {
            err.println("promo-agent: cannot write the demo data to " + directory + ": " + e);
            return PromoAgentCli.EXIT_FAILURE;
        }
        out.printf("Wrote %d customers, %d orders and %d promotions (seed %d, now %s) to %s\n",
                data.customers().size(), data.orders().size(), data.promotions().size(), demo.seed(), demo.now(), directory);
        return PromoAgentCli.EXIT_SUCCESS;
    }

    private static Path outputDirectory(String text) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException(OUT + " must name a directory");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(OUT + " is not a valid path: '" + text + "'");
        }
    }
}
