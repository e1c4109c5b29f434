-- Local copies of channel-config-service's compacted oc.config.* topics (docs/flows/first-conversation.md).
-- They are kept in this schema rather than only in memory: after a restart the service knows every
-- connector, channel and agent at once, while the topics are re-read from the beginning in the
-- background, so no inbound message waits (or is parked) for a replay that has not caught up yet,
-- and the access checks are plain joins in the same transaction as the data they guard.
-- Each row holds the highest version seen; a lower or equal version is ignored. A deletion is a row
-- with deleted = true, never a removed row, so a late record of an older version cannot bring it back.

-- oc.config.connectors.v1: which channel a connector account belongs to (G3).
CREATE TABLE connector_copy (
    connector_id   text    PRIMARY KEY,
    channel_id     text    NOT NULL,
    connector_type text    NOT NULL,
    account_id     text    NOT NULL,
    version        bigint  NOT NULL,
    deleted        boolean NOT NULL
);

-- oc.config.channels.v1: name (O1), active (O2) and the expanded queue (settings.queue.agentIds, Q1).
CREATE TABLE channel_copy (
    channel_id text    PRIMARY KEY,
    version    bigint  NOT NULL,
    deleted    boolean NOT NULL,
    name       text,
    active     boolean NOT NULL
);

CREATE TABLE channel_copy_queue_agent (
    channel_id text NOT NULL REFERENCES channel_copy ON DELETE CASCADE,
    agent_id   text NOT NULL,
    position   int  NOT NULL,
    PRIMARY KEY (channel_id, agent_id)
);
CREATE INDEX channel_copy_queue_agent_by_agent ON channel_copy_queue_agent (agent_id);

-- oc.config.agents.v1: the name and avatar shown to clients as the sender of a reply (Q8).
CREATE TABLE agent_copy (
    agent_id   text    PRIMARY KEY,
    version    bigint  NOT NULL,
    deleted    boolean NOT NULL,
    name       text,
    avatar_url text
);
