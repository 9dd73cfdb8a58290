-- A leaf is found by its event's place in the global order (unique already): a second unique index, on the event
-- id, was one more index entry written for every event and guaranteed nothing the place does not.
alter table merkle_leaf drop constraint merkle_leaf_event;
