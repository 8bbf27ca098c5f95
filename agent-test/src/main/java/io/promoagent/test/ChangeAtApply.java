package io.promoagent.test;

import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.WriteTool;
import java.util.Objects;

/**
 * A write tool that changes the world the moment its {@code apply} starts — after every check the approval
 * service makes, before the tool's own — so that a test reaches the window no re-check before the apply can
 * close: the tool's own check at apply time must notice the change. Register it in place of the tool in
 * the registry the approval service applies through, and set the change per test.
 *
 * <pre>{@code
 * ChangeAtApply racing = new ChangeAtApply(sendEmailTool);
 * ApprovalService approvals = ApprovalService.builder(ToolRegistry.of(racing), key).build();
 * racing.set(() -> store.write(...));   // lands between the approval service's re-check and the send
 * }</pre>
 */
public final class ChangeAtApply implements WriteTool {

    private final WriteTool tool;
    private volatile Runnable change = () -> { };

    public ChangeAtApply(WriteTool tool) {
        this.tool = Objects.requireNonNull(tool, "tool");
    }

    /** The change every later apply starts with (none until set). */
    public void set(Runnable newChange) {
        this.change = Objects.requireNonNull(newChange, "change");
    }

    @Override
    public ToolDescriptor descriptor() {
        return tool.descriptor();
    }

    @Override
    public ChangeSet propose(ToolCall call, ToolContext context) {
        return tool.propose(call, context);
    }

    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        change.run();
        return tool.apply(approved, context);
    }
}
