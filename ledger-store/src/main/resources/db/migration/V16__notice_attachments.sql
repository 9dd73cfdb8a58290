-- The files that belong to published notices (a screenshot, the banner's script or configuration), named by the
-- SHA-256 of their bytes. The notice.published event lists each file's digest, and the notice's digest covers them,
-- so the event proves the bytes: a file changed here no longer matches the digest the event holds. Written in the
-- transaction that stores the event, never without it.
create table notice_attachment (
    site_id    varchar(200) not null,
    sha256     varchar(64)  not null,
    media_type varchar(128) not null,
    content    bytea        not null,
    constraint notice_attachment_pk primary key (site_id, sha256)
);
