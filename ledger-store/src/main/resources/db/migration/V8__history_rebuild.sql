-- A replay rebuilds the consent history without its visitor index and creates the index once the history holds every
-- event the store held when the replay began (inserting a million rows into that index, each at a random place, took
-- most of a replay's time). `rebuild_until` is the global index of that newest event while the index is missing,
-- null otherwise; until it is null again the history answers nothing.
alter table read_model_position add column rebuild_until bigint;
