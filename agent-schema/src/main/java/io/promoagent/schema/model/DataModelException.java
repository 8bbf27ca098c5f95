package io.promoagent.schema.model;

import io.promoagent.schema.AgentException;
import java.util.Optional;

/** A data model that cannot be loaded: malformed YAML, a dangling reference, a duplicate name. */
public class DataModelException extends AgentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String path;
    private final String problem;

    /**
     * @param file    the file read, or {@code null} for a model built in code
     * @param line    the 1-based line, or 0 when unknown
     * @param path    the path of the problem inside the model ({@code entities[1].fields[3].type})
     * @param problem what is wrong
     */
    public DataModelException(String file, int line, String path, String problem) {
        super(format(file, line, path, problem));
        this.file = file;
        this.line = line;
        this.path = path;
        this.problem = problem;
    }

    public DataModelException(String path, String problem) {
        this(null, 0, path, problem);
    }

    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String path() {
        return path;
    }

    /** The bare description, without file, line and path. */
    public String problem() {
        return problem;
    }

    private static String format(String file, int line, String path, String problem) {
        StringBuilder s = new StringBuilder();
        if (file != null) {
            s.append(file);
            if (line > 0) {
                s.append(':').append(line);
            }
            s.append(' ');
        }
        s.append(path).append(": ").append(problem);
        return s.toString();
    }
}
