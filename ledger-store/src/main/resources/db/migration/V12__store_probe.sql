-- One row the ledger rewrites every few seconds to learn whether its database still takes writes (readiness).
create table store_probe (
    id        integer                     not null,
    probed_at timestamp(6) with time zone not null,
    constraint store_probe_pk primary key (id)
);
insert into store_probe (id, probed_at) values (1, current_timestamp);
