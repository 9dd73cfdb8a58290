-- The Merkle log's perfect subtrees at every eighth level (8, 16, 24...): a proof needs O(log n) hashes, and with
-- these each is a few hundred reads at most instead of a rehash of every leaf. Derived from the leaves (the audit
-- holds them against the leaves); a missing one is computed from the level below.
create table merkle_node (
    node_level integer     not null,
    node_index bigint      not null,
    node_hash  varchar(64) not null,
    constraint merkle_node_pk primary key (node_level, node_index)
);
