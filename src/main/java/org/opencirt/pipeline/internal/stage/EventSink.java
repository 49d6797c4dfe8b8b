package org.opencirt.pipeline.internal.stage;

/**
 * The one interface between pipeline stages: a stage receives a batch, does its work, and passes the batch (or a new
 * one) to the next sink it was constructed with. In process that is a method call; a later issue can put a
 * distributed log between two stages by giving the producer a sink that appends to the log and running the consumer
 * as a loop that reads batches and calls {@code accept}, without changing the stages. See ADR 0005.
 *
 * <p>Contract: when {@code accept} returns, the batch is handled (passed on, stored or quarantined), so that a log
 * consumer may then commit its offset. A stage keeps no events across calls.
 */
@FunctionalInterface
public interface EventSink {

    void accept(EventBatch batch);
}
