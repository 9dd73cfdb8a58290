-- Read models whose emptying is still owed to a replay. On H2, TRUNCATE commits on its own, so it cannot share the
-- transaction that resets a processor's position: the reset names the read model here instead, in that transaction,
-- and the table is emptied right after it commits. An instance that dies in between empties it when it starts again,
-- before its processors run, so a replay never lands on the rows of the read model it replaces.
create table read_model_reset (
    read_model varchar(100) not null,
    constraint read_model_reset_pk primary key (read_model)
);
