package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * A command sent on its own is answered after its commit reached the disk, and not as a success when the disk did
 * not confirm it; a command inside an enclosing unit of work leaves the flush to whoever commits that one.
 */
class DurableCommandBusTest {

    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicBoolean diskFails = new AtomicBoolean();
    private final SimpleCommandBus bus = new DurableCommandBus(SimpleCommandBus.builder(), () -> {
        flushes.incrementAndGet();
        if (diskFails.get()) {
            throw new IllegalStateException("disk full");
        }
    });

    DurableCommandBusTest() {
        bus.subscribe(String.class.getName(), command -> "published " + command.getPayload());
    }

    @Test
    void a_command_on_its_own_is_answered_after_one_flush() {
        CommandResultMessage<?> result = send("v2");

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo("published v2");
        assertThat(flushes).hasValue(1);
    }

    @Test
    void a_command_whose_commit_the_disk_did_not_confirm_is_answered_with_that_failure() {
        diskFails.set(true);

        CommandResultMessage<?> result = send("v2");

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessage("disk full");
    }

    @Test
    void a_command_inside_an_enclosing_unit_of_work_is_not_flushed_on_its_own() {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        try {
            assertThat(send("in a batch").isExceptional()).isFalse();
        } finally {
            batch.commit();
        }
        assertThat(flushes).hasValue(0);
    }

    private CommandResultMessage<?> send(String payload) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(asCommandMessage(payload), callback);
        return callback.getResult();
    }
}
