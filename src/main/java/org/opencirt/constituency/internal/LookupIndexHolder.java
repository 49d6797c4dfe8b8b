package org.opencirt.constituency.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.opencirt.constituency.internal.lookup.IndexedAsset;
import org.opencirt.constituency.internal.lookup.ResponsibilityIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds the current immutable responsibility index and rebuilds it in the background after assets change.
 * Readers on the hot path take {@link #current()} without waiting; a person asking after a change takes
 * {@link #fresh()}, which waits until every committed change is in the index (read-your-writes).
 */
@Component
public class LookupIndexHolder implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LookupIndexHolder.class);
    private static final long FRESH_WAIT_MILLIS = 30_000;

    private final AssetRepository assets;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lookup-index");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong requested = new AtomicLong(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object builtSignal = new Object();
    private volatile long built;
    private volatile ResponsibilityIndex index = ResponsibilityIndex.empty();

    public LookupIndexHolder(AssetRepository assets) {
        this.assets = assets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        schedule();
    }

    /** The latest built index, possibly a moment behind the database. */
    public ResponsibilityIndex current() {
        return index;
    }

    /** The index including every change committed before this call. */
    public ResponsibilityIndex fresh() {
        long wanted = requested.get();
        if (built >= wanted) {
            return index;
        }
        schedule();
        long deadline = System.currentTimeMillis() + FRESH_WAIT_MILLIS;
        synchronized (builtSignal) {
            while (built < wanted && System.currentTimeMillis() < deadline) {
                try {
                    builtSignal.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return index;
    }

    /** Asks for a rebuild once the current transaction commits (immediately when there is none). */
    public void rebuildAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    requestRebuild();
                }
            });
        } else {
            requestRebuild();
        }
    }

    private void requestRebuild() {
        requested.incrementAndGet();
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (built < requested.get()) {
                long target = requested.get();
                Load load = load(assets);
                index = load.index();
                built = target;
                synchronized (builtSignal) {
                    builtSignal.notifyAll();
                }
                LOG.debug("Responsibility index rebuilt with {} assets: read in {} ms, built in {} ms", load.assets(),
                        TimeUnit.NANOSECONDS.toMillis(load.readNanos()),
                        TimeUnit.NANOSECONDS.toMillis(load.buildNanos()));
            }
        } catch (RuntimeException e) {
            LOG.error("Could not rebuild the responsibility index; lookups use the previous one", e);
        } finally {
            running.set(false);
        }
    }

    /**
     * Reads every asset from the database and builds an index from them: what each rebuild does. Static and public so
     * that the load benchmark ({@code bench/lookup-load.sh}) times this very code against a real database.
     */
    public static Load load(AssetRepository assets) {
        long start = System.nanoTime();
        List<IndexedAsset> rows = new ArrayList<>();
        assets.streamAll(row -> rows.add(new IndexedAsset(row.id(), row.organisationId(), row.kind(), row.value())));
        long read = System.nanoTime();
        ResponsibilityIndex built = ResponsibilityIndex.build(rows);
        return new Load(built, rows.size(), read - start, System.nanoTime() - read);
    }

    /** A freshly built index, how many assets it was built from, and how long reading and building took. */
    public record Load(ResponsibilityIndex index, int assets, long readNanos, long buildNanos) {
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
