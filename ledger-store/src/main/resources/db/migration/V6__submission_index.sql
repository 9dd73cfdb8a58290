-- Which client submission each consent event records ('consent:<consentId>' or 'withdrawal:<withdrawalId>'),
-- indexed beside the event's stream position. Deciding a visitor's next submission only needs to know which ids
-- the visitor's stream already holds, and this index answers that on its own: the events themselves (their
-- payloads, spread over the whole table) are read only when an id comes back.
-- Null for other events, and for consent events stored before this column existed (their stream is then read
-- in full, as before).
alter table domain_event_entry add column submission_key varchar(160);
create index domain_event_entry_submissions
    on domain_event_entry (aggregate_identifier, sequence_number, submission_key);
