package io.promoagent.example.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@code ask} and {@code query} work on: the words of the command line as one text, or, without words,
 * every non-blank line of standard input, stripped, each handed on as soon as it is read (so a person can
 * type one line after another).
 */
final class InputTexts {

    private InputTexts() {
    }

    /**
     * Hands each text to {@code handle}, which says whether it succeeded; true when every one did.
     *
     * @throws IOException when standard input cannot be read
     */
    static boolean forEach(List<String> words, InputStream in, Predicate<String> handle) throws IOException {
        if (!words.isEmpty()) {
            return handle.test(String.join(" ", words));
        }
        boolean all = true;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.isBlank()) {
                all &= handle.test(line.strip());
            }
        }
        return all;
    }
}
