package dev.switchboard.config.channel.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/channels}: {@code {}} is enough, the name is then generated (O1). */
public record CreateChannelRequest(
    @Schema(
            description =
                "O1: the channel's name, shown to clients in the chat window header; generated when absent",
            maxLength = ChannelRules.NAME_MAX_LENGTH)
        String name) {}
