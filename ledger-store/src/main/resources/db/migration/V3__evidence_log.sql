-- The evidence log: every event's hash, in the event store's global order, as leaves of an RFC 9162 Merkle tree,
-- and signed checkpoints of that tree. Append-only, like the event store it certifies.

create table merkle_leaf (
    leaf_index   bigint       not null,
    global_index bigint       not null,
    event_id     varchar(255) not null,
    event_hash   varchar(64)  not null,
    constraint merkle_leaf_pk primary key (leaf_index),
    constraint merkle_leaf_event unique (event_id),
    constraint merkle_leaf_position unique (global_index)
);

create table merkle_checkpoint (
    tree_size  bigint       not null,
    root_hash  varchar(64)  not null,
    signed_at  timestamp(6) with time zone not null,
    key_id     varchar(64)  not null,
    -- Ed25519 over the RFC 8785 form of {treeSize, rootHash, signedAt, keyId}, base64.
    signature  varchar(128) not null,
    constraint merkle_checkpoint_pk primary key (tree_size)
);
