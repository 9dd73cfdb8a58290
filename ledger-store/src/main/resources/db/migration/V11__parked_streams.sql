-- The read models park the events they cannot apply by stream, and a visitor's stream is named site/visitor: the
-- name must fit in full, as it does in the event table.
alter table dead_letter_entry alter column sequence_identifier set data type varchar(512);
