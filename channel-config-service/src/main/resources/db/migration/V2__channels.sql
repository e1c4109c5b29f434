-- Open channels (FEATURES "Other" O1, O2, O5). The settings sections join this table as the
-- channel-config issue fills them in.
CREATE TABLE channel (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    active     boolean     NOT NULL DEFAULT true,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz
);

-- O1: a channel created without a name gets "Open channel N".
CREATE SEQUENCE channel_number_seq;

-- Changes to publish on oc.config.* after their transaction commits (platform-runtime's Outbox).
CREATE TABLE outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        text        NOT NULL,
    record_key   text        NOT NULL,
    headers      text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
