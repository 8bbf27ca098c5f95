package io.promoagent.example.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command line, as {@code --name value}, {@code --name=value} or a bare flag, checked
 * against the options the command knows; positional arguments (an approval id) only where a command takes them.
 */
public final class CommandArguments {
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;
    private final Set<String> flags;
    private final List<String> positionals;

    private CommandArguments(Map<String, String> values, Map<String, List<String>> repeated, Set<String> flags,
                             List<String> positionals) {
        this.values = values;
        this.repeated = repeated;
        this.flags = flags;
        this.positionals = positionals;
    }

    /**
     * Parses the arguments.
     *
     * @param valueOptions the options that take a value, such as {@code --seed}
     * @param flagOptions  the options that take none, such as {@code --help}
     * @throws UsageException for an unknown option, a missing value, an option given twice or a positional
     *                        argument
     */
    public static CommandArguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        return parse(args, valueOptions, flagOptions, 0);
    }

    /**
     * Parses arguments that may hold up to {@code maxPositionals} words that are neither options nor their
     * values, anywhere among the options.
     *
     * @throws UsageException as {@link #parse(List, Set, Set)}, and for more positional arguments than that
     */
    public static CommandArguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions,
                                         int maxPositionals) throws UsageException {
        return parse(args, valueOptions, flagOptions, maxPositionals, Set.of());
    }

    /**
     * Parses arguments among which the options {@code repeatable} (a subset of {@code valueOptions}) may be
     * given more than once; {@link #values} reads them.
     */
    public static CommandArguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions,
                                         int maxPositionals, Set<String> repeatable) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (positionals.size() == maxPositionals) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (flagOptions.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("option " + name + " takes no value");
                }
                flags.add(name);
                continue;
            }
            if (!valueOptions.contains(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + name + " needs a value");
            }
            repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            if (values.putIfAbsent(name, value) != null && !repeatable.contains(name)) {
                throw new UsageException("option " + name + " is given more than once");
            }
        }
        Map<String, List<String>> all = new HashMap<>();
        repeated.forEach((name, list) -> all.put(name, List.copyOf(list)));
        return new CommandArguments(Map.copyOf(values), Map.copyOf(all), Set.copyOf(flags), List.copyOf(positionals));
    }

    /** The option names of both sets, for a command that takes options shared with others beside its own. */
    static Set<String> union(Set<String> shared, Set<String> own) {
        Set<String> all = new HashSet<>(shared);
        all.addAll(own);
        return Set.copyOf(all);
    }

    /** The positional arguments, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** Every value of an option that may be repeated, in order; empty when absent. */
    public List<String> values(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    /**
     * The option's value as a positive duration, {@code 15m}, {@code 90s}, {@code 2h} or ISO-8601
     * ({@code PT15M}), or the default when absent.
     */
    public Duration durationValue(String name, Duration defaultValue) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String t = text.get().strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (RuntimeException e) {
            throw new UsageException(name + " must be a duration such as 15m, 90s, 2h or PT15M, got '" + text.get() + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new UsageException(name + " must be longer than zero, got '" + text.get() + "'");
        }
        return d;
    }

    public boolean hasFlag(String name) {
        return flags.contains(name);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String required(String name) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException("option " + name + " is required"));
    }

    /** The option's value as a whole number from {@code min} to {@code max}, or the default when absent. */
    public long longValue(String name, long defaultValue, long min, long max) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + text.get() + "'");
        }
        if (number < min || number > max) {
            throw new UsageException(name + " must be from " + min + " to " + max + ", got " + number);
        }
        return number;
    }

    /** The option's value as an ISO date, or empty when absent. */
    public Optional<LocalDate> dateValue(String name) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.get()));
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " must be a date as YYYY-MM-DD, got '" + text.get() + "'");
        }
    }
}
