package io.promoagent.example.server;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One step of answering a request, streamed to the client before the reply.
 *
 * @param stage  {@code planning}, {@code tool_started} or {@code tool_finished}
 * @param tool   the tool concerned, for tool stages
 * @param count  rows read or records affected, once a tool finished
 * @param millis how long the tool took, once it finished
 */
public record Progress(String stage, Optional<String> tool, OptionalLong count, OptionalLong millis) {

    public static final String PLANNING = "planning";
    public static final String TOOL_STARTED = "tool_started";
    public static final String TOOL_FINISHED = "tool_finished";

    public Progress {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(millis, "millis");
    }

    public static Progress planning() {
        return new Progress(PLANNING, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public static Progress toolStarted(String tool) {
        return new Progress(TOOL_STARTED, Optional.of(tool), OptionalLong.empty(), OptionalLong.empty());
    }

    public static Progress toolFinished(String tool, long count, long millis) {
        return new Progress(TOOL_FINISHED, Optional.of(tool), OptionalLong.of(count), OptionalLong.of(millis));
    }
}
