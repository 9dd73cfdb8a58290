package org.consentledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looking rows up by a batch of ids written as literals finds those rows, and only those, whatever the ids hold. */
class InListTest {

    JdbcClient jdbc;

    @BeforeEach
    void tableOfIds() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:in-list-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(database);
        jdbc.sql("create table leaf (id varchar(200) primary key)").update();
        for (String id : List.of("a", "b", "o'hara", "x', 'a", "z")) {
            jdbc.sql("insert into leaf (id) values (?)").param(id).update();
        }
    }

    @Test
    void findsTheRowsOfTheGivenIds() {
        assertThat(ids(List.of("b", "z", "missing"))).containsExactly("b", "z");
    }

    @Test
    void aQuoteInAnIdIsPartOfTheId() {
        assertThat(ids(List.of("o'hara"))).containsExactly("o'hara");
        // Were the quote to end the literal, this would be the list ('x', 'a') and find "a".
        assertThat(ids(List.of("x', 'a"))).containsExactly("x', 'a");
        assertThat(ids(List.of("' or '1' = '1"))).isEmpty();
    }

    @Test
    void noIdsFindNothing() {
        assertThat(ids(List.of())).isEmpty();
    }

    @Test
    void manyIdsAreSplitIntoListsOfAtMostFiveHundredDistinctOnes() {
        List<String> ids = java.util.stream.IntStream.range(0, 1_200).mapToObj(i -> "id-" + (i % 1_100)).toList();

        List<List<String>> chunks = InList.chunks(ids);

        assertThat(chunks).extracting(List::size).containsExactly(500, 500, 100);
        assertThat(chunks.stream().flatMap(List::stream)).containsExactlyElementsOf(ids.subList(0, 1_100));
        assertThat(InList.chunks(List.of())).isEmpty();
    }

    @Test
    void numbersAreWrittenAsNumbers() {
        jdbc.sql("create table place (n bigint primary key)").update();
        for (long n : new long[] {1, 20, 3_000_000_000L}) {
            jdbc.sql("insert into place (n) values (?)").param(n).update();
        }

        assertThat(jdbc.sql("select n from place where n in " + InList.ofNumbers(List.of(20L, 3_000_000_000L, 7L))
                + " order by n").query(Long.class).list()).containsExactly(20L, 3_000_000_000L);
        assertThat(InList.ofNumbers(List.of())).isEqualTo("(null)");
    }

    private List<String> ids(List<String> wanted) {
        return jdbc.sql("select id from leaf where id in " + InList.of(wanted) + " order by id")
                .query(String.class).list();
    }
}
