package org.opencirt.pipeline.internal.stage;

/**
 * Where failing lines go: nothing that fails is dropped. This slice keeps them in memory (tests) or counts them
 * (benchmark); a later slice stores them in a quarantine table for replay.
 */
@FunctionalInterface
public interface QuarantineSink {

    void quarantine(QuarantinedLine line);
}
