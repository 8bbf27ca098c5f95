package io.promoagent.schema.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of docs/query-ir.md (its {@code json} blocks), for the tests that hold the document to the code. */
public final class DocumentedQueries {

    /** Where the document is from a module's directory, where tests run. */
    public static final Path DOCUMENT = Path.of("../docs/query-ir.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private DocumentedQueries() {
    }

    /** Every {@code json} block of the document, in order. */
    public static List<String> all() {
        try {
            Matcher m = JSON_BLOCK.matcher(Files.readString(DOCUMENT));
            List<String> blocks = new ArrayList<>();
            while (m.find()) {
                blocks.add(m.group(1));
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
