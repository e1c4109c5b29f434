package dev.switchboard.config.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.config.agent.domain.Absence;
import java.util.List;

/** The {@code absences} column of {@code agent}: a JSON array of {@link Absence}. */
final class AbsencesJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private AbsencesJson() {}

  static List<Absence> read(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(json, new TypeReference<List<Absence>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored absences are not readable", e);
    }
  }

  static String write(List<Absence> absences) {
    try {
      return JSON.writeValueAsString(absences);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Absences cannot be written", e);
    }
  }
}
