package org.consentledger.ledger.store;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Answers a command sent on its own (a policy published) only once its commit is on disk ({@link DurableCommits}):
 * the flush runs after the command's unit of work has committed, and a flush that fails turns the answer into that
 * failure. Axon's after-commit callbacks could not do this, as their errors are only logged. A command handled
 * inside an enclosing unit of work (a consent batch) commits with it; whoever commits that one flushes.
 */
class DurableCommandBus extends SimpleCommandBus {

    private final Runnable flush;

    /** @param flush returns once every commit made so far is on disk, or throws ({@link DurableCommits#flush()}) */
    DurableCommandBus(Builder builder, Runnable flush) {
        super(builder);
        this.flush = flush;
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted()) {
            super.handle(command, handler, callback);
            return;
        }
        CommandCallback<C, R> durableCallback = (message, result) -> {
            if (!result.isExceptional()) {
                try {
                    flush.run();
                } catch (RuntimeException failure) {
                    callback.onResult(message, asCommandResultMessage(failure));
                    return;
                }
            }
            callback.onResult(message, result);
        };
        super.handle(command, handler, durableCallback);
    }
}
