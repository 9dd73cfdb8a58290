-- A site's public collection settings: the publishable key its banner sends (not a secret: it names the site) and
-- the page origins whose browsers may record decisions. Settings, not evidence: every decision recorded through them
-- names the origin it came from in its own event.
create table site_collection (
    site_id         varchar(200)  not null,
    publishable_key varchar(64)   not null,
    allowed_origins varchar(8000) not null,
    updated_at      timestamp(6) with time zone not null,
    constraint site_collection_pk primary key (site_id),
    constraint site_collection_key unique (publishable_key)
);
