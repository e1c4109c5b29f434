-- O4 (issue 13): a session's transcript by e-mail. A request is stored first and sent from here by
-- TranscriptSender, so a mail server that is down delays the mail instead of losing it.
-- A sender claims a due row with FOR UPDATE SKIP LOCKED and moves next_attempt_at past the send
-- (its lease), sends, then sets sent_at; a row with sent_at is never sent again.
CREATE TABLE transcript_request (
    id              uuid        PRIMARY KEY,
    -- The session's erasure (if ever deleted) takes its requests, and their addresses, with it.
    session_id      uuid        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    email           text        NOT NULL,
    -- The token's subject of the agent, supervisor or administrator; "client:<id>" for the client.
    requested_by    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    sent_at         timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    -- Not before: the backoff after a failed attempt, or the lease of the sender sending it now.
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);
CREATE INDEX transcript_request_due ON transcript_request (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX transcript_request_by_session ON transcript_request (session_id);
