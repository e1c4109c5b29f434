package dev.switchboard.config.shared.api;

/**
 * A write whose {@code If-Match} (or {@code version}) names a version that is no longer the current
 * one: answered 412 with the current version (API.md "Concurrency").
 */
public class StaleVersionException extends RuntimeException {

  private final long currentVersion;

  public StaleVersionException(long currentVersion) {
    super("The resource has changed; its current version is " + currentVersion);
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
