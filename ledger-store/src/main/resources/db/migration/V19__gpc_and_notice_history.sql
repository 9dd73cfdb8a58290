-- The categories the Global Privacy Control signal sent with a consent denied, comma-separated like granted and
-- denied (an answer names GPC as the reason for them), and the notice the visitor chose on, which tells a banner
-- whether what it shows has changed since.
alter table consent_history add column opted_out varchar(4500) default '' not null;
alter table consent_history add column notice_id varchar(64);
