-- A ledger written before evidence format 2 keeps each visitor's events in a stream named by the site and the visitor
-- id. Format 2 finds a visitor by a keyed hash instead, which no statement can compute: the ledger maps each format 1
-- stream to the visitor's first pseudonymous stream when it starts (a row in ledger_upgrade asks it to), so that a
-- visitor's format 1 events are answered, bundled and erased with their later ones. The row of a format 1 stream goes
-- when the stream is redacted by the visitor's erasure.
create table format_one_stream (
    stream_id         varchar(512) not null,
    format_one_stream varchar(512) not null,
    constraint format_one_stream_pk primary key (stream_id),
    constraint format_one_stream_name unique (format_one_stream)
);

-- One-off steps of an upgrade that need the ledger's secrets, done at the next start and then deleted.
create table ledger_upgrade (
    step varchar(64) not null,
    constraint ledger_upgrade_pk primary key (step)
);
insert into ledger_upgrade (step) values ('map-format-one-streams');

-- The consent history kept format 1 decisions under the visitor id itself; it is rebuilt keyed by the visitor's
-- pseudonymous stream. Its processor takes every event again from the first (a token without a position); the
-- history answers nothing until it holds every event stored now (rebuild_until), as after a replay.
delete from consent_history;
update read_model_position
   set position = -1,
       generation = generation + 1,
       rebuild_until = (select max(global_index) from domain_event_entry)
 where read_model = 'consent-history';
update token_entry set token = null, token_type = null where processor_name = 'read-models';
