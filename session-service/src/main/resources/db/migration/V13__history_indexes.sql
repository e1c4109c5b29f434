-- O3, R3: the conversation lists of supervisors and administrators, newest first by seq, narrowed
-- to a channel, an agent (the one who has or had the session) or a client. The index of V3 on
-- assigned_agent_id covers open sessions only; seq's own unique index serves the unfiltered list.
-- (The ratings report uses V12's rating_by_agent and rating_by_channel.)
CREATE INDEX session_by_channel ON session (channel_id, seq);
CREATE INDEX session_by_agent ON session (assigned_agent_id, seq);
CREATE INDEX session_by_client ON session (client_id, seq);
