-- Q8 "the channel's own entries": how each agent is shown to this channel's clients when the
-- channel's routing.agentInfo is CHANNEL_ENTRIES.

-- oc.config.channels.v1, settings.agentEntries: a JSON object {"<agentId>": {"displayName",
-- "avatarUrl"}} as channel-config publishes it; null = the channel has no entries (an agent without
-- one is shown with their directory profile).
ALTER TABLE channel_copy ADD COLUMN agent_entries text;
-- As in V6 and V7: one version less lets the newest record, re-read from the beginning at the next
-- start, fill the column once, while no older record can come back.
UPDATE channel_copy SET version = version - 1;
