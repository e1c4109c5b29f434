package dev.switchboard.testkit.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile bodies grown from real payloads: each is a valid request of the endpoint (a seed) with
 * one to three mutations of its tree (a field dropped, duplicated, added, or its value replaced by
 * a {@link HostileValues hostile value}), then sometimes broken as bytes (truncated, invalid UTF-8,
 * raw control characters, empty) or sent with a wrong content type. Starting from real payloads
 * keeps most tries deep inside the endpoint's validation instead of at the JSON parser.
 */
public final class HostileBodies {

  static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String MARK = "zz-fuzz-7f3a-";

  private HostileBodies() {}

  /** Mutations of the given JSON payloads, sent as {@code application/json} mostly. */
  public static Arbitrary<HostileBody> mutationsOf(String... seeds) {
    List<JsonNode> trees = new ArrayList<>();
    for (String seed : seeds) {
      trees.add(parse(seed));
    }
    Arbitrary<Mutated> mutated =
        Arbitraries.of(trees)
            .flatMap(
                tree ->
                    treeMutation(tree)
                        .list()
                        .ofMinSize(0)
                        .ofMaxSize(3)
                        .map(mutations -> Mutated.of(tree, mutations)));
    return Combinators.combine(mutated, byteDamage(), contentTypes())
        .as((m, damage, type) -> damage.apply(m, type));
  }

  private static JsonNode parse(String seed) {
    try {
      return MAPPER.readTree(seed);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("seed is not JSON: " + seed, e);
    }
  }

  /** One change of the tree at one of its places. */
  private interface TreeMutation {
    void apply(JsonNode root, Map<String, Object> raws);

    String name();
  }

  private static Arbitrary<TreeMutation> treeMutation(JsonNode seed) {
    List<String> fields = new ArrayList<>();
    List<String> containers = new ArrayList<>();
    collect(seed, "", fields, containers);
    List<Arbitrary<TreeMutation>> choices = new ArrayList<>();
    if (!fields.isEmpty()) {
      choices.add(Arbitraries.of(fields).map(HostileBodies::drop));
      choices.add(
          Combinators.combine(Arbitraries.of(fields), HostileValues.any())
              .as(HostileBodies::replace));
      choices.add(
          Combinators.combine(Arbitraries.of(fields), HostileValues.any())
              .as(HostileBodies::duplicate));
    }
    choices.add(
        Combinators.combine(
                Arbitraries.of(containers),
                Arbitraries.of("unknownField", "id", "version", "", "\u0000", "__proto__"),
                HostileValues.any())
            .as(HostileBodies::add));
    return Arbitraries.oneOf(choices);
  }

  private static void collect(
      JsonNode node, String pointer, List<String> fields, List<String> containers) {
    if (node.isContainerNode()) {
      containers.add(pointer);
    }
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        fields.add(child);
        collect(node.get(name), child, fields, containers);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        fields.add(pointer + "/" + i);
        collect(node.get(i), pointer + "/" + i, fields, containers);
      }
    }
  }

  private static TreeMutation drop(String pointer) {
    return mutation(
        "drop " + pointer,
        (root, raws) -> {
          JsonPointer at = JsonPointer.compile(pointer);
          JsonNode parent = root.at(at.head());
          if (parent instanceof ObjectNode object) {
            object.remove(at.last().getMatchingProperty());
          } else if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0) {
            if (at.last().getMatchingIndex() < array.size()) {
              array.remove(at.last().getMatchingIndex());
            }
          }
        });
  }

  private static TreeMutation replace(String pointer, Object value) {
    return mutation(
        "set " + pointer + " = " + describe(value),
        (root, raws) -> {
          JsonPointer at = JsonPointer.compile(pointer);
          put(root.at(at.head()), at.last(), value, raws);
        });
  }

  /** The same name twice in one object: Jackson's tree cannot hold it, so it is spliced in. */
  private static TreeMutation duplicate(String pointer, Object value) {
    return mutation(
        "duplicate " + pointer + " = " + describe(value),
        (root, raws) -> {
          JsonPointer at = JsonPointer.compile(pointer);
          if (root.at(at.head()) instanceof ObjectNode object) {
            String name = at.last().getMatchingProperty();
            String marker = MARK + raws.size();
            raws.put(marker, new HostileValues.Raw(name));
            object.set(marker, node(value, raws));
          }
        });
  }

  private static TreeMutation add(String pointer, String name, Object value) {
    return mutation(
        "add " + pointer + "/" + name + " = " + describe(value),
        (root, raws) -> {
          JsonNode container = root.at(pointer);
          if (container instanceof ObjectNode object) {
            object.set(name, node(value, raws));
          } else if (container instanceof ArrayNode array) {
            array.add(node(value, raws));
          }
        });
  }

  private static void put(
      JsonNode parent, JsonPointer last, Object value, Map<String, Object> raws) {
    if (parent instanceof ObjectNode object) {
      object.set(last.getMatchingProperty(), node(value, raws));
    } else if (parent instanceof ArrayNode array
        && last.getMatchingIndex() >= 0
        && last.getMatchingIndex() < array.size()) {
      array.set(last.getMatchingIndex(), node(value, raws));
    }
  }

  private static JsonNode node(Object value, Map<String, Object> raws) {
    if (value instanceof HostileValues.Raw raw) {
      String marker = MARK + raws.size();
      raws.put(marker, raw);
      return MAPPER.getNodeFactory().textNode(marker);
    }
    return ((JsonNode) value).deepCopy();
  }

  private static String describe(Object value) {
    String text = value instanceof HostileValues.Raw raw ? raw.json() : value.toString();
    return text.length() > 60 ? text.substring(0, 60) + "...(" + text.length() + " chars)" : text;
  }

  private static TreeMutation mutation(
      String name, java.util.function.BiConsumer<JsonNode, Map<String, Object>> change) {
    return new TreeMutation() {
      @Override
      public void apply(JsonNode root, Map<String, Object> raws) {
        change.accept(root, raws);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /** A seed with its mutations applied, as JSON bytes. */
  private record Mutated(String mutations, byte[] json) {

    static Mutated of(JsonNode seed, List<TreeMutation> mutations) {
      JsonNode root = seed.deepCopy();
      Map<String, Object> raws = new LinkedHashMap<>();
      for (TreeMutation mutation : mutations) {
        if (root instanceof ContainerNode<?>) {
          mutation.apply(root, raws);
        }
      }
      String json;
      try {
        json = MAPPER.writeValueAsString(root);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      for (Map.Entry<String, Object> raw : raws.entrySet()) {
        String text = ((HostileValues.Raw) raw.getValue()).json();
        // A duplicated name keeps its quotes (it is a key); a raw value replaces the string.
        json =
            json.replace("\"" + raw.getKey() + "\":", "\"" + text + "\":")
                .replace("\"" + raw.getKey() + "\"", text);
      }
      String names =
          mutations.isEmpty()
              ? "seed"
              : String.join(", ", mutations.stream().map(TreeMutation::name).toList());
      return new Mutated(names, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What happens to the bytes on the way: mostly nothing. */
  private interface ByteDamage {
    HostileBody apply(Mutated body, String contentType);
  }

  private static Arbitrary<ByteDamage> byteDamage() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just((m, type) -> new HostileBody(m.mutations(), type, m.json()))),
        Tuple.of(
            1,
            Arbitraries.doubles()
                .between(0, 1)
                .map(
                    fraction ->
                        (m, type) -> {
                          int cut = (int) (m.json().length * fraction);
                          byte[] truncated = java.util.Arrays.copyOf(m.json(), cut);
                          return new HostileBody(
                              m.mutations() + ", truncated at " + cut, type, truncated);
                        })),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.of(
                        new byte[] {(byte) 0xff},
                        new byte[] {(byte) 0xc3, 0x28},
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xc0, (byte) 0x80},
                        new byte[] {0x00},
                        new byte[] {0x1b, 0x07}),
                    Arbitraries.doubles().between(0, 1))
                .as(
                    (bad, fraction) ->
                        (m, type) -> {
                          byte[] damaged = insideAString(m.json(), bad, fraction);
                          return new HostileBody(
                              m.mutations() + ", bytes " + java.util.HexFormat.of().formatHex(bad),
                              type,
                              damaged);
                        })),
        Tuple.of(
            1, Arbitraries.just((m, type) -> new HostileBody("empty body", type, new byte[0]))));
  }

  /** Puts {@code bad} right after a quote of the body, so it lands inside a string mostly. */
  private static byte[] insideAString(byte[] json, byte[] bad, double fraction) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '"') {
        quotes.add(i + 1);
      }
    }
    int at = quotes.isEmpty() ? json.length : quotes.get((int) (fraction * (quotes.size() - 1)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(json, 0, at);
    out.writeBytes(bad);
    out.write(json, at, json.length - at);
    return out.toByteArray();
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.just(JSON)),
        Tuple.of(
            3,
            Arbitraries.of(
                "application/json; charset=UTF-8",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=nonsense",
                "application/merge-patch+json",
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
                "*/*",
                ";;;",
                "")),
        Tuple.of(1, Arbitraries.just((String) null)));
  }
}
