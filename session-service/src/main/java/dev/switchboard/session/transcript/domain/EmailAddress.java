package dev.switchboard.session.transcript.domain;

import java.util.regex.Pattern;

/**
 * An address a transcript may be sent to: one mailbox, {@code local@domain.tld}, no spaces, no line
 * breaks (nothing that could add a header or a second recipient), at most 254 characters.
 */
public final class EmailAddress {

  public static final int MAX_LENGTH = 254;

  private static final Pattern MAILBOX =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private EmailAddress() {}

  /** The address, stripped of surrounding blanks, or null when it is not one mailbox. */
  public static String parse(String given) {
    if (given == null) {
      return null;
    }
    String address = given.strip();
    if (address.length() > MAX_LENGTH
        || !MAILBOX.matcher(address).matches()
        || address.startsWith(".")
        || address.contains("..")) {
      return null;
    }
    return address;
  }
}
