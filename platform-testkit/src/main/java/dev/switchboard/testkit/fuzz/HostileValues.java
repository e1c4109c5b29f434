package dev.switchboard.testkit.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * JSON values that break naive parsing and storage: other JSON types than expected, boundary
 * numbers, strings with U+0000, control characters, unpaired surrogates and odd Unicode, very long
 * strings, deep nesting and huge arrays.
 *
 * <p>A value that Jackson's tree cannot hold (a number beyond any Java type, nesting deeper than
 * Jackson writes) is a {@link Raw}: its JSON text is spliced into the body as it is serialized.
 */
public final class HostileValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HostileValues() {}

  /** JSON text put into the body verbatim. */
  public record Raw(String json) {}

  /** A value of any JSON type or a {@link Raw} one. */
  public static Arbitrary<Object> any() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(NODES.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(3, numbers()),
        Tuple.of(6, strings().map(s -> (Object) NODES.textNode(s))),
        Tuple.of(2, containers()),
        Tuple.of(1, rawNumbers()));
  }

  /** Strings a client may type or forge. */
  public static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of("", " ", "\u0000", "a\u0000b", "\t\r\n", "null", "0", "-1")),
        Tuple.of(
            2,
            Arbitraries.of(
                "María 😀 ‮evil‬ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "\uD800",
                "a\uDC00b",
                "\uFEFF\u200B\u2028\u2029",
                "ﷺ\u0301\u0301\u0301",
                "<script>alert(1)</script>",
                "'; DROP TABLE channels; --",
                "../../etc/passwd",
                "bob:sessions",
                "{\"a\":1}",
                "%00",
                "2026-02-30T25:61:61Z",
                "Europe/Nowhere",
                "PT-1S")),
        Tuple.of(
            3,
            Arbitraries.strings()
                .all()
                .ofMinLength(0)
                .ofMaxLength(40)
                .edgeCases(c -> c.add("\u0000"))),
        Tuple.of(
            1,
            Arbitraries.of(201, 1_001, 5_001, 70_000, 300_000)
                .map(n -> "x".repeat(n - 1) + "\u0000")),
        Tuple.of(1, Arbitraries.of(256, 4_096, 65_536).map("é"::repeat)));
  }

  private static Arbitrary<Object> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(
                0L,
                -1L,
                1L,
                (long) Integer.MAX_VALUE,
                (long) Integer.MIN_VALUE,
                (long) Integer.MAX_VALUE + 1,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MAX_VALUE / 1000,
                31_556_889_864_403_199L,
                31_556_889_864_403_200L)
            .map(n -> (Object) NODES.numberNode(n)),
        Arbitraries.of(0.5, -0.0, 1e308, -1e308, 4.9e-324, 1.5)
            .map(d -> (Object) NODES.numberNode(d)),
        Arbitraries.longs().map(n -> (Object) NODES.numberNode(n)));
  }

  private static Arbitrary<Object> rawNumbers() {
    return Arbitraries.of(
            "123456789012345678901234567890",
            "-99999999999999999999999999999",
            "1e999999",
            "-1E-999999",
            "1" + "0".repeat(5_000),
            "0.0000000000000000000000000000001")
        .map(Raw::new);
  }

  private static Arbitrary<Object> containers() {
    return Arbitraries.oneOf(
        Arbitraries.just(NODES.arrayNode()),
        Arbitraries.just(NODES.objectNode()),
        strings().map(s -> (Object) NODES.arrayNode().add(s)),
        Arbitraries.of(10_000, 60_000).map(n -> new Raw("[" + "0,".repeat(n) + "0]")),
        Arbitraries.of(64, 999, 1_001, 5_000)
            .map(depth -> new Raw("[".repeat(depth) + "]".repeat(depth))),
        Arbitraries.of(64, 999, 1_001, 5_000)
            .map(depth -> new Raw("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
  }
}
