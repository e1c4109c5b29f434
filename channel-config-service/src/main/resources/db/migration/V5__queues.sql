-- A channel's queue (Q1-Q4): its members in order (users and departments) and how sessions are
-- distributed among them. Changing either bumps the channel's version.
ALTER TABLE channel
    ADD COLUMN distribution_mode text NOT NULL DEFAULT 'EVENLY'
        CHECK (distribution_mode IN ('EVENLY', 'STRICT_ORDER', 'ALL'));

CREATE TABLE queue_member (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id  uuid    NOT NULL REFERENCES channel (id),
    position    integer NOT NULL,
    member_type text    NOT NULL CHECK (member_type IN ('USER', 'DEPARTMENT')),
    member_id   text    NOT NULL,
    UNIQUE (channel_id, position),
    UNIQUE (channel_id, member_type, member_id)
);

-- An agent's departments changed: which channels name one of them.
CREATE INDEX queue_member_by_member ON queue_member (member_type, member_id);
