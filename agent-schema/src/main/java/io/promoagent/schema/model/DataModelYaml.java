package io.promoagent.schema.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a {@link DataModel} from YAML (the format is documented in docs/data-model.md).
 *
 * <p>Loading is strict: an unknown key, a missing one, a value of the wrong kind or a reference that does
 * not resolve fails with a {@link DataModelException} naming the file, the line and the path of the
 * problem.
 */
public final class DataModelYaml {

    private static final YAMLMapper MAPPER = new YAMLMapper();

    private DataModelYaml() {
    }

    public static DataModel load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataModelException(file.toString(), 0, "$", "cannot read the file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Loads a model from a class-path resource, for models shipped inside an application's jar. */
    public static DataModel loadResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataModelException(resource, 0, "$", "no such class-path resource");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses YAML text.
     *
     * @param yaml     the text
     * @param fileName the name used in error messages
     */
    public static DataModel parse(String yaml, String fileName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DataModelException(fileName, line, "$", "malformed YAML: " + e.getOriginalMessage());
        }
        Map<String, Integer> lines = lines(yaml);
        try {
            return new DataModelReader().read(root);
        } catch (DataModelException e) {
            throw new DataModelException(fileName, lineOf(lines, e.path()), e.path(), e.problem());
        }
    }

    /** The line of the nearest enclosing path that has a recorded line. */
    private static int lineOf(Map<String, Integer> lines, String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** Records the line of every key and array element, by path ({@code entities[1].fields[3].type}). */
    private static Map<String, Integer> lines(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    String path = toPath(p.getParsingContext().pathAsPointer().toString());
                    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the tree was already read successfully; without lines, errors still carry their paths
        }
        return lines;
    }

    /** {@code /entities/1/fields/3/type} to {@code entities[1].fields[3].type}. */
    private static String toPath(String pointer) {
        StringBuilder s = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                s.append('[').append(name).append(']');
            } else {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(name);
            }
        }
        return s.toString();
    }
}
