package io.promoagent.core.reply;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One typed part of a reply that a user interface renders: a table, a record, a metric, chart data, an
 * approval request, a dry run's preview, a clarification, an error or a read held for confirmation. Serialised
 * with a {@code type} property naming the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TableBlock.class, name = "table"),
        @JsonSubTypes.Type(value = RecordBlock.class, name = "record"),
        @JsonSubTypes.Type(value = MetricBlock.class, name = "metric"),
        @JsonSubTypes.Type(value = ChartBlock.class, name = "chart"),
        @JsonSubTypes.Type(value = ApprovalBlock.class, name = "approval"),
        @JsonSubTypes.Type(value = PreviewBlock.class, name = "preview"),
        @JsonSubTypes.Type(value = ClarificationBlock.class, name = "clarification"),
        @JsonSubTypes.Type(value = ErrorBlock.class, name = "error"),
        @JsonSubTypes.Type(value = HeldReadBlock.class, name = "held_read")
})
public sealed interface Block
        permits TableBlock, RecordBlock, MetricBlock, ChartBlock, ApprovalBlock, PreviewBlock, ClarificationBlock,
        ErrorBlock, HeldReadBlock {
}
