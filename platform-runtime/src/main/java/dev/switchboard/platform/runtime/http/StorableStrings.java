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
 * text...) is refused when PostgreSQL could not store it as sent: U+0000, which it refuses (a 500
 * otherwise), and an unpaired UTF-16 surrogate (a JSON escape such as {@code "\ud800"} alone),
 * which has no UTF-8 form and would be stored as {@code ?} without a word. The refusal is an {@link
 * UnstorableCharacterException}, answered as a 400 naming the field. Applies to the REST layer's
 * {@code ObjectMapper} only; events are read with {@code EventJson}'s own (session-service replaces
 * lone surrogates of inbound texts with U+FFFD: a client's message is never refused).
 */
@Singleton
public class StorableStrings implements ObjectMapperCustomizer {

  public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";
  public static final String SURROGATE_MESSAGE =
      "must not contain an unpaired UTF-16 surrogate (U+D800-U+DFFF)";

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("switchboard-storable-strings")
            .addDeserializer(String.class, new UnstorableRefusingStringDeserializer()));
  }

  /** Why PostgreSQL could not store {@code value} as it is, or null when it can. */
  static String whyUnstorable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        return NUL_MESSAGE;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return SURROGATE_MESSAGE;
      }
    }
    return null;
  }

  /** Jackson's own string reading, then the check. */
  static final class UnstorableRefusingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      String why = value == null ? null : whyUnstorable(value);
      if (why != null) {
        throw new UnstorableCharacterException(parser, why);
      }
      return value;
    }
  }

  /** A string of the body cannot be stored; Jackson adds the field's path as it unwinds. */
  public static final class UnstorableCharacterException extends JsonMappingException {

    private final String why;

    UnstorableCharacterException(JsonParser parser, String why) {
      super(parser, why);
      this.why = why;
    }

    /** {@link #NUL_MESSAGE} or {@link #SURROGATE_MESSAGE}. */
    public String why() {
      return why;
    }
  }
}
