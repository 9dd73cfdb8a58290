-- The roots of the perfect subtrees of each checkpointed tree (hex, comma-separated, largest first), so that the
-- next checkpoint extends the tree from here instead of rehashing every leaf. Derived data: a wrong frontier gives a
-- root that the audit, which rebuilds every checkpoint from the leaves, reports.
alter table merkle_checkpoint add column frontier varchar(4200);
