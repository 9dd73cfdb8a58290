-- How far each read model has followed the event store without a hole: every event with a global index at or below
-- `position` is in it (-1: none is known to be). The read model writes it in the transaction that writes its rows.
-- `generation` counts the read model's resets: an answer that saw the model whole, then read its rows, knows from an
-- unchanged generation that no replay emptied the model in between.
create table read_model_position (
    read_model varchar(64) not null,
    position   bigint      not null,
    generation bigint      not null,
    constraint read_model_position_pk primary key (read_model)
);
insert into read_model_position (read_model, position, generation) values ('consent-history', -1, 0);
insert into read_model_position (read_model, position, generation) values ('policy-catalog', -1, 0);
