package dev.switchboard.platform.runtime.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST body naming a field twice ({@code {"status":"AWAY","status":true}}) is refused as it is
 * parsed. Without it, Jackson reads a request record's second value through a setter records do not
 * have and throws an {@code InvalidDefinitionException}, which Quarkus answers with a bare 500
 * (found by the fuzz tests); and which of the two values wins is a guess either way. The refusal is
 * a {@link JsonParseException}, answered as a 400 naming the field ({@link #field}).
 */
@Singleton
public class DuplicateFieldsRefused implements ObjectMapperCustomizer {

  private static final Pattern DUPLICATE =
      Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** {@code queue.members[0].id} when {@code e} is the refusal of a duplicate field. */
  public static Optional<String> field(JsonParseException e) {
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
    if (!duplicate.matches()) {
      return Optional.empty();
    }
    String where = e.getProcessor() == null ? "" : location(e.getProcessor().getParsingContext());
    return Optional.of(where.isEmpty() ? duplicate.group(1) : where + "." + duplicate.group(1));
  }

  /** Where the value holding {@code context} sits, as the client wrote it. */
  private static String location(JsonStreamContext context) {
    JsonStreamContext parent = context == null ? null : context.getParent();
    if (parent == null || parent.inRoot()) {
      return "";
    }
    String base = location(parent);
    if (parent.inArray()) {
      return base + "[" + parent.getCurrentIndex() + "]";
    }
    return base.isEmpty() ? parent.getCurrentName() : base + "." + parent.getCurrentName();
  }
}
