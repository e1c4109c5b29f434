-- O5: a deleted channel keeps its row (deleted_at set, its sessions' history stays readable
-- elsewhere); the list, the count of G2 and the lookups skip it.
CREATE INDEX channel_not_deleted ON channel (id) WHERE deleted_at IS NULL;

-- Q6: an agent may be dismissed (never routed to again) and away for periods, kept as JSON
-- [{"from": instant, "to": instant, "reason": text|null}], in the order the administrator gave.
ALTER TABLE agent
    ADD COLUMN dismissed boolean NOT NULL DEFAULT false,
    ADD COLUMN absences  jsonb   NOT NULL DEFAULT '[]'::jsonb;

-- Q8 "use the open channel's entries": how an agent is shown to the clients of one channel.
-- A change of an entry is a new version of the channel (the entries travel in its settings).
CREATE TABLE channel_agent_entry (
    channel_id   uuid        NOT NULL REFERENCES channel (id),
    agent_id     text        NOT NULL,
    display_name text        NOT NULL,
    avatar_url   text,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (channel_id, agent_id)
);

-- A8: canned-response lists, items [{"shortcut", "text"}] as JSON in the order given. A deleted
-- list keeps its row so its id is never reused.
CREATE TABLE canned_response_list (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    items      jsonb       NOT NULL DEFAULT '[]'::jsonb,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz
);
CREATE INDEX canned_response_list_not_deleted ON canned_response_list (id) WHERE deleted_at IS NULL;
