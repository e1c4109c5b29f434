-- Bot first (B1) and the bot API (B2).

-- oc.config.channels.v1, settings.bots.botId: the chatbot that takes every new session of the
-- channel first; null = no bot.
ALTER TABLE channel_copy ADD COLUMN bot_id text;

-- A new session of a channel with a bot is with that bot (state BOT) until the bot (or a supervisor)
-- hands it over (QUEUED) or it is closed. bot_id names the bot that had it and stays after the
-- handover (history); only state = 'BOT' gives the bot access. A bot removed from the channel later
-- keeps the sessions it already has.
ALTER TABLE session ADD COLUMN bot_id text;
ALTER TABLE session DROP CONSTRAINT session_state_check;
ALTER TABLE session ADD CONSTRAINT session_state_check
    CHECK (state IN ('BOT', 'QUEUED', 'ASSIGNED', 'CLOSED'));
CREATE INDEX session_open_by_bot ON session (bot_id, seq) WHERE state = 'BOT';

-- A bot's answers are messages of author type BOT (author_id = the bot id).
ALTER TABLE message DROP CONSTRAINT message_author_type_check;
ALTER TABLE message ADD CONSTRAINT message_author_type_check
    CHECK (author_type IN ('CLIENT', 'AGENT', 'BOT', 'SYSTEM'));
