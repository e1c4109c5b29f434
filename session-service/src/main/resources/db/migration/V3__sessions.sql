-- Clients, their connector identities, sessions (dialogs) and their messages (issue 3).

CREATE TABLE client (
    id           uuid        PRIMARY KEY,
    display_name text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- How a client is reached: one chat of one connector account. The first conversation finds the
-- client by this triple; the chat tracker (Q10) will later join several identities to one client.
CREATE TABLE client_identity (
    id               uuid        PRIMARY KEY,
    client_id        uuid        NOT NULL REFERENCES client,
    connector_type   text        NOT NULL,
    account_id       text        NOT NULL,
    external_chat_id text        NOT NULL,
    external_user_id text        NOT NULL,
    display_name     text,
    first_name       text,
    last_name        text,
    username         text,
    avatar_url       text,
    email            text,
    phone            text,
    locale           text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT client_identity_chat UNIQUE (connector_type, account_id, external_chat_id)
);
CREATE INDEX client_identity_by_client ON client_identity (client_id);

CREATE TABLE session (
    id                uuid        PRIMARY KEY,
    -- Stable order for lists and cursors.
    seq               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    channel_id        text        NOT NULL,
    client_id         uuid        NOT NULL REFERENCES client,
    connector_id      text        NOT NULL,
    connector_type    text        NOT NULL,
    account_id        text        NOT NULL,
    external_chat_id  text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('QUEUED', 'ASSIGNED', 'CLOSED')),
    assigned_agent_id text,
    opened_at         timestamptz NOT NULL,
    closed_at         timestamptz,
    -- No foreign key: the session and its newest message point at each other.
    last_message_id   uuid
);
-- A client has at most one open session per channel: a new message joins it.
CREATE UNIQUE INDEX session_one_open_per_client_and_channel
    ON session (client_id, channel_id) WHERE state <> 'CLOSED';
CREATE INDEX session_open_by_agent ON session (assigned_agent_id, seq) WHERE state = 'ASSIGNED';

CREATE TABLE message (
    id                  uuid        PRIMARY KEY,
    seq                 bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    session_id          uuid        NOT NULL REFERENCES session,
    author_type         text        NOT NULL CHECK (author_type IN ('CLIENT', 'AGENT', 'SYSTEM')),
    author_id           text,
    author_name         text,
    text                text,
    -- The attachments as the events carry them (a JSON array), kept for the history.
    attachments         text,
    at                  timestamptz NOT NULL,
    -- Client messages only: where they came from. A connector that re-sends a message with a new
    -- event id still creates one message (topics.md, "Delivery guarantees"). The chat is part of the
    -- key: a Telegram message_id is unique only within its chat, so two chats of one bot share ids.
    connector_id        text,
    external_chat_id    text,
    external_message_id text,
    inbound_event_id    text,
    CONSTRAINT message_once_per_chat UNIQUE (connector_id, external_chat_id, external_message_id)
);
CREATE INDEX message_by_session ON message (session_id, seq);

-- Inbound messages whose connector this service does not know yet (its registration may arrive on
-- oc.config.connectors.v1 a moment after the message). They are stored here, so the Kafka offset can
-- be committed without losing them, replayed in arrival order once the connector is known, and moved
-- to oc.inbound.messages.v1.dlq (through the outbox) when it stays unknown for too long.
CREATE TABLE parked_inbound (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         text        NOT NULL UNIQUE,
    connector_id     text        NOT NULL,
    record_key       text,
    headers          text        NOT NULL,
    payload          text        NOT NULL,
    source_topic     text        NOT NULL,
    source_partition int         NOT NULL,
    source_offset    bigint      NOT NULL,
    parked_at        timestamptz NOT NULL
);
CREATE INDEX parked_inbound_by_connector ON parked_inbound (connector_id, seq);

-- Session events and outbound messages to publish after their transaction commits (platform-runtime's Outbox).
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
