-- Read models: derived from the event store, rebuilt by a replay, never the source of truth.

create table policy_catalog (
    site_id        varchar(200)     not null,
    version        integer          not null,
    effective_from timestamp(6) with time zone not null,
    recorded_at    timestamp(6) with time zone not null,
    event_id       varchar(255)     not null,
    -- The published event as the ledger serialized it, so answers quote the policy exactly.
    document       varchar(1048576) not null,
    constraint policy_catalog_pk primary key (site_id, version)
);

create table consent_history (
    event_id        varchar(255)  not null,
    site_id         varchar(200)  not null,
    visitor_id      varchar(200)  not null,
    sequence_number bigint        not null,
    kind            varchar(16)   not null,
    policy_version  integer       not null,
    occurred_at     timestamp(6) with time zone not null,
    recorded_at     timestamp(6) with time zone not null,
    -- Comma-joined category ids (ids cannot contain commas).
    granted         varchar(4500) not null,
    denied          varchar(4500) not null,
    withdrawn       varchar(4500) not null,
    constraint consent_history_pk primary key (event_id)
);
create index consent_history_visitor on consent_history (site_id, visitor_id, occurred_at);
