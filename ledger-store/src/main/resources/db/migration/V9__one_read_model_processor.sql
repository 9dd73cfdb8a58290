-- The policy catalog and the consent history are fed by one processor, `read-models`, instead of one each. It goes
-- on from the lower of the two processors' tokens (by the read models' positions): the read models ignore events
-- they already hold, so the one further on takes the events between again without harm. With no recorded position
-- (a fresh ledger) there is nothing to carry over. Stop every instance before this migration runs: an instance of
-- an earlier version would go on with the removed tokens from the start of the store.
insert into token_entry (processor_name, segment, token, token_type, timestamp, owner)
select 'read-models', t.segment, t.token, t.token_type, t.timestamp, null
  from token_entry t
 where t.processor_name = (select p.read_model
                             from read_model_position p
                            where p.read_model in ('policy-catalog', 'consent-history')
                            order by p.position, p.read_model
                            fetch first 1 rows only);
delete from token_entry where processor_name in ('policy-catalog', 'consent-history');
