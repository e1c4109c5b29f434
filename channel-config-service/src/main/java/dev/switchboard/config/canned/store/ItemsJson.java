package dev.switchboard.config.canned.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.config.canned.domain.CannedResponse;
import java.util.List;

/** The {@code items} column of {@code canned_response_list}. */
final class ItemsJson {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ItemsJson() {}

  static List<CannedResponse> read(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(json, new TypeReference<List<CannedResponse>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored canned responses are not readable", e);
    }
  }

  static String write(List<CannedResponse> items) {
    try {
      return JSON.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Canned responses cannot be written", e);
    }
  }
}
