package io.promoagent.core.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * What a write would do, previewed without proposing it (a dry run): the same summary and preview an
 * approval card shows, but nothing is pending and nothing can be approved. Proposing it is a call to
 * {@code proposes} with the same arguments.
 *
 * @param tool      the read tool that made the preview
 * @param proposes  the write tool that the same arguments would propose with
 * @param summary   what the write would do, in one line
 * @param arguments the call's arguments
 * @param preview   the write's preview (an impact estimate, a prediction); an object, maybe empty
 */
public record PreviewBlock(String tool, String proposes, String summary, JsonNode arguments, JsonNode preview)
        implements Block {

    public PreviewBlock {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(proposes, "proposes");
        Objects.requireNonNull(summary, "summary");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
        preview = preview == null ? JsonNodeFactory.instance.objectNode() : preview.deepCopy();
    }
}
