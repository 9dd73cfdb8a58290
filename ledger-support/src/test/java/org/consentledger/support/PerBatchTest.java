package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

class PerBatchTest {

    final List<String> happened = new ArrayList<>();
    final PerBatch<List<Integer>> rows = PerBatch.<List<Integer>>of("rows", ArrayList::new)
            .beforeCommit(r -> happened.add("write " + r))
            .afterCommit(r -> happened.add("committed " + r));

    @Test
    void oneValueForTheWholeBatchWrittenOnceBeforeItCommits() {
        DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch")).execute(() -> {
            rows.current().add(1);
            // A nested unit of work (one event's handling) adds to its batch's value.
            DefaultUnitOfWork.startAndGet(new GenericMessage<>("event")).execute(() -> rows.current().add(2));
            rows.current().add(3);
            assertThat(happened).isEmpty();
        });

        assertThat(happened).containsExactly("write [1, 2, 3]", "committed [1, 2, 3]");
    }

    @Test
    void aBatchRolledBackWritesNothing() {
        DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch")).executeWithResult(() -> {
            rows.current().add(1);
            throw new IllegalStateException("the batch fails");
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(happened).isEmpty();
    }

    @Test
    void eachBatchAndEachInstanceHasItsOwnValue() {
        PerBatch<List<Integer>> other = PerBatch.of("rows", ArrayList::new);
        DefaultUnitOfWork.startAndGet(new GenericMessage<>("first")).execute(() -> {
            rows.current().add(1);
            assertThat(other.current()).isEmpty();
        });
        DefaultUnitOfWork.startAndGet(new GenericMessage<>("second")).execute(() -> rows.current().add(2));

        assertThat(happened).containsExactly("write [1]", "committed [1]", "write [2]", "committed [2]");
        assertThat(PerBatch.inBatch()).isFalse();
    }
}
