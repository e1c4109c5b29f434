package dev.switchboard.events.common;

/** What an attachment is, so a connector can pick the messenger's matching message kind. */
public enum AttachmentType {
  IMAGE,
  VIDEO,
  AUDIO,
  FILE,
  STICKER
}
