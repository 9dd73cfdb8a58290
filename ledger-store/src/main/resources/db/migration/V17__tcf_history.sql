-- What the TC string sent with a consent says (its public part, never the string itself), as JSON: the TCF answer is
-- made from it. Null for a withdrawal and for a consent sent without a TC string.
alter table consent_history add column tcf varchar(1048576);
