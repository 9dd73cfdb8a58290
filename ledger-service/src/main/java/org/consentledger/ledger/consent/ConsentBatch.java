package org.consentledger.ledger.consent;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.store.CommandRetry;
import org.consentledger.ledger.store.SubmissionIndex;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Records many decisions (consents given and withdrawn) in one transaction, each with its own outcome: the
 * accepted ones are committed together, the refused ones change nothing, and {@link ConsentWriter} answers only once
 * the commit has reached the disk, so every receipt stands for a durable event. One commit for many events is what
 * lets log imports and busy back ends reach the store's batch speed. Anything other than a refusal (a fault, a lost
 * race with another instance) rolls the whole batch back; a lost race is then tried again on fresh state.
 */
@Component
public class ConsentBatch {

    private static final int ATTEMPTS = 10;

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final SubmissionIndex index;
    private final PublishedPolicies policies;
    private final Cache recentVisitors;
    /** Held from a batch's append to its commit: see {@link ConsentWriter} for why batches append in turn. */
    private final ReentrantLock appendOrder = new ReentrantLock(true);

    ConsentBatch(CommandBus commandBus, TransactionManager transactions, SubmissionIndex index,
                 PublishedPolicies policies, @Qualifier("recentVisitors") Cache recentVisitors) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.index = index;
        this.policies = policies;
        this.recentVisitors = recentVisitors;
    }

    /** What became of one decision: a receipt (new or replayed) or the rule it broke. */
    public record Outcome(Receipt receipt, LedgerRejection rejection) {
    }

    /** @param commands {@link GiveConsent}s and {@link WithdrawConsent}s, in the order the client sent them */
    public List<Outcome> record(List<?> commands) {
        List<String> streams = commands.stream().map(c -> decision(c).streamId()).toList();
        int[] order = streamOrder(streams);
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(commands, streams, order);
            } catch (RuntimeException failure) {
                if (attempt == ATTEMPTS || !CommandRetry.lostAppendRace(failure)) {
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Handles the commands grouped by visitor stream, keeping each visitor's own order. Axon locks a stream for the
     * whole batch; taking the locks in one global order keeps two concurrent batches from deadlocking.
     */
    private static int[] streamOrder(List<String> streams) {
        return IntStream.range(0, streams.size()).boxed()
                .sorted(Comparator.comparing(streams::get))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private List<Outcome> attempt(List<?> commands, List<String> streams, int[] order) {
        Outcome[] outcomes = new Outcome[commands.size()];
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("consent batch"));
        // Registered before any event is staged, so it runs before the event store's own prepare-commit step (the
        // append); released once the transaction has committed or rolled back.
        batch.onPrepareCommit(u -> appendOrder.lock());
        batch.onCleanup(u -> {
            if (appendOrder.isHeldByCurrentThread()) {
                appendOrder.unlock();
            }
        });
        batch.attachTransaction(transactions);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            // A visitor in the cache is not read from the store at all, so only the others are read ahead.
            index.readAhead(streams.stream().filter(s -> !recentVisitors.containsKey(s)).toList());
            policies.readAhead(commands.stream().map(c -> decision(c).siteId()).toList());
            for (int i : order) {
                outcomes[i] = handle(commands.get(i));
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return Arrays.asList(outcomes);
    }

    /** Handles one command inside the batch's unit of work; Axon defers its commit to the batch's. */
    private Outcome handle(Object command) throws Exception {
        FutureCallback<Object, Receipt> callback = new FutureCallback<>();
        commandBus.dispatch(asCommandMessage(command), callback);
        CommandResultMessage<? extends Receipt> result = callback.getResult();
        if (!result.isExceptional()) {
            return new Outcome(result.getPayload(), null);
        }
        Throwable failure = result.exceptionResult();
        if (failure instanceof LedgerRejection rejection) {
            return new Outcome(null, rejection);
        }
        throw failure instanceof Exception e ? e : new IllegalStateException(failure);
    }

    private static ConsentDecision decision(Object command) {
        if (command instanceof ConsentDecision decision) {
            return decision;
        }
        throw new IllegalArgumentException("not a consent decision: " + command);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
