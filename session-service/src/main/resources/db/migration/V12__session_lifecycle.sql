-- Issue 13: the whole lifecycle of a session.
-- An agent's session is ASSIGNED (not answered yet), WAITING_CLIENT (the agent wrote last) or
-- ANSWERED (answered before, the client wrote last); a session closed by its agent waits for the
-- client's rating in CLOSED_AWAITING_RATING (A6) before it is CLOSED.
ALTER TABLE session DROP CONSTRAINT session_state_check;
ALTER TABLE session ADD CONSTRAINT session_state_check
    CHECK (state IN ('BOT', 'QUEUED', 'ASSIGNED', 'WAITING_CLIENT', 'ANSWERED',
                     'CLOSED_AWAITING_RATING', 'CLOSED'));
DROP INDEX session_open_by_agent;
CREATE INDEX session_open_by_agent ON session (assigned_agent_id, seq)
    WHERE state IN ('ASSIGNED', 'WAITING_CLIENT', 'ANSWERED');

-- A6: until when the rating is awaited (null when it is not).
ALTER TABLE session ADD COLUMN awaiting_rating_until timestamptz;
-- A3: since when the client has waited for an agent's answer, once the channel's interval passed
-- without one (null: not marked unanswered).
ALTER TABLE session ADD COLUMN unanswered_since timestamptz;
CREATE INDEX session_unanswered ON session (channel_id, seq) WHERE unanswered_since IS NOT NULL;

-- R1-R3: one rating per session, of the agent who had it.
CREATE TABLE rating (
    session_id  uuid        PRIMARY KEY REFERENCES session (id),
    channel_id  text        NOT NULL,
    agent_id    text,
    score       smallint    NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     text,
    rated_at    timestamptz NOT NULL
);
CREATE INDEX rating_by_agent ON rating (agent_id, rated_at);
CREATE INDEX rating_by_channel ON rating (channel_id, rated_at);
