-- What the GPP string sent with a consent says (never the string itself), as JSON: the GPP answer is made from it.
alter table consent_history add column gpp varchar(1048576);
