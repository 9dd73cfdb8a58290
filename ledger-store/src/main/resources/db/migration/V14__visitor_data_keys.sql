-- Evidence format 2 seals each event's personal part under a data key of its visitor stream. The database holds
-- each key only wrapped by a key-encryption key kept outside it; deleting a stream's row is what erases the
-- personal parts of its events. Stream ids are keyed hashes, never a visitor id.
create table visitor_data_key (
    stream_id   varchar(512) not null,
    kek_name    varchar(64)  not null,
    wrapped_key bytea        not null,
    created_at  timestamp(6) with time zone not null,
    constraint visitor_data_key_pk primary key (stream_id)
);
-- Rotation finds the keys still wrapped under a key-encryption key about to be removed.
create index visitor_data_key_kek on visitor_data_key (kek_name);

-- The visitor streams erased: the ledger finds a visitor's current stream past them, and answers that the visitor
-- was erased. Written in the erasure's own transaction, with the key's deletion.
create table erased_stream (
    stream_id    varchar(512) not null,
    site_id      varchar(200) not null,
    erasure_id   varchar(128) not null,
    reason       varchar(32)  not null,
    requested_at timestamp(6) with time zone,
    erased_at    timestamp(6) with time zone not null,
    constraint erased_stream_pk primary key (stream_id)
);

-- A fingerprint of each secret in the personal-data key file, so that an instance started with another file (which
-- would name visitors' streams differently) refuses to start instead of splitting their histories.
create table personal_data_secret (
    name        varchar(64) not null,
    fingerprint varchar(64) not null,
    constraint personal_data_secret_pk primary key (name)
);
