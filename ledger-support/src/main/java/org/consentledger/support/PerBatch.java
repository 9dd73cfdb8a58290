package org.consentledger.support;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A value kept for one batch, the root unit of work an event processor (or a write) runs in: made on first use in
 * the batch, handed to {@code beforeCommit} inside the batch's transaction and to {@code afterCommit} once it has
 * committed. Handlers collect into it what they would otherwise write once per event, and write it once.
 */
public final class PerBatch<T> {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final String name;
    private final String key;
    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;
    private final Consumer<T> afterCommit;

    private PerBatch(String name, Supplier<T> create, Consumer<T> beforeCommit, Consumer<T> afterCommit) {
        this.name = name;
        // One resource per instance: two read models of the same class must not share a buffer.
        this.key = PerBatch.class.getName() + "#" + INSTANCES.incrementAndGet() + " " + name;
        this.create = Objects.requireNonNull(create, "create");
        this.beforeCommit = beforeCommit;
        this.afterCommit = afterCommit;
    }

    /** A value made by {@code create} for each batch. */
    public static <T> PerBatch<T> of(String name, Supplier<T> create) {
        return new PerBatch<>(name, create, null, null);
    }

    /** The same, with {@code action} run on the batch's value just before its transaction commits. */
    public PerBatch<T> beforeCommit(Consumer<T> action) {
        return new PerBatch<>(name, create, action, afterCommit);
    }

    /** The same, with {@code action} run on the batch's value once its transaction has committed. */
    public PerBatch<T> afterCommit(Consumer<T> action) {
        return new PerBatch<>(name, create, beforeCommit, action);
    }

    /** Whether the current thread runs in a batch, so that {@link #current()} has one to keep the value in. */
    public static boolean inBatch() {
        return CurrentUnitOfWork.isStarted();
    }

    /** The current batch's value, made (and its hooks registered) on first use. */
    public T current() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(key, k -> {
            T value = create.get();
            if (beforeCommit != null) {
                batch.onPrepareCommit(u -> beforeCommit.accept(value));
            }
            if (afterCommit != null) {
                batch.afterCommit(u -> afterCommit.accept(value));
            }
            return value;
        });
    }
}
