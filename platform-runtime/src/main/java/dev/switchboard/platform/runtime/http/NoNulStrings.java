package dev.switchboard.platform.runtime.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string a REST body carries (a channel's name, a greeting, a queue member, a reply's
 * text...) is refused when it holds U+0000: PostgreSQL cannot store it, and it would otherwise be a
 * 500. The refusal is a {@link NulCharacterException}, answered as a 400 naming the field. Applies
 * to the REST layer's {@code ObjectMapper} only; events are read with {@code EventJson}'s own.
 */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {

  public static final String MESSAGE = "must not contain the NUL character (U+0000)";

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("switchboard-no-nul-strings")
            .addDeserializer(String.class, new NulRefusingStringDeserializer()));
  }

  /** Jackson's own string reading, then the check. */
  static final class NulRefusingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw new NulCharacterException(parser);
      }
      return value;
    }
  }

  /** A string of the body holds U+0000; Jackson adds the field's path as it unwinds. */
  public static final class NulCharacterException extends JsonMappingException {

    NulCharacterException(JsonParser parser) {
      super(parser, MESSAGE);
    }
  }
}
