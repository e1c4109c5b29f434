/*
 * Development key pair and bearer tokens for the local platform. JDK only (no openssl, no libraries).
 *
 *   java deploy/local/DevToken.java keygen --dir .switchboard/keys
 *       creates dev-private.pem (PKCS#8) and dev-public.pem (X.509 SubjectPublicKeyInfo), RSA 2048,
 *       unless both exist; prints nothing on stdout.
 *
 *   java deploy/local/DevToken.java token --dir .switchboard/keys --user alice --roles agent,supervisor
 *        [--name "Alice Doe"] [--ttl 28800] [--issuer https://switchboard.local/dev] [--audience switchboard]
 *        [--roles-claim groups]
 *       prints an RS256 JWT (and only that) on one line; creates the key pair first if it is missing.
 *
 * Claims: iss, aud, sub, upn, preferred_username, name, <roles claim> (array), iat, exp, jti.
 * A roles claim with '/' (e.g. realm_access/roles) is written nested: {"realm_access":{"roles":[...]}}.
 *
 * Exit codes: 0 ok, 2 bad arguments, 3 key problem.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public class DevToken {

  static final String PRIVATE_FILE = "dev-private.pem";
  static final String PUBLIC_FILE = "dev-public.pem";

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("missing command");
    }
    Map<String, String> opts = parse(args);
    Path dir = Path.of(opts.getOrDefault("dir", ".switchboard/keys"));
    switch (args[0]) {
      case "keygen" -> ensureKeys(dir);
      case "token" -> {
        String user = opts.get("user");
        if (user == null || user.isBlank()) {
          usage("--user is required");
        }
        long ttl = 8 * 3600;
        if (opts.containsKey("ttl")) {
          try {
            ttl = Long.parseLong(opts.get("ttl"));
          } catch (NumberFormatException e) {
            usage("--ttl must be a number of seconds");
          }
          if (ttl <= 0) {
            usage("--ttl must be positive");
          }
        }
        List<String> roles = new ArrayList<>();
        for (String r : opts.getOrDefault("roles", "").split(",")) {
          if (!r.isBlank()) {
            roles.add(r.trim());
          }
        }
        ensureKeys(dir);
        PrivateKey key = readPrivateKey(dir.resolve(PRIVATE_FILE));
        System.out.println(
            token(
                key,
                opts.getOrDefault("issuer", "https://switchboard.local/dev"),
                opts.getOrDefault("audience", "switchboard"),
                user,
                opts.getOrDefault("name", user),
                roles,
                opts.getOrDefault("roles-claim", "groups"),
                ttl));
      }
      default -> usage("unknown command " + args[0]);
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        usage("unexpected argument: " + a);
      }
      String k = a.substring(2);
      String v;
      int eq = k.indexOf('=');
      if (eq >= 0) {
        v = k.substring(eq + 1);
        k = k.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          usage("missing value after " + a);
        }
        v = args[++i];
      }
      if (!List.of("dir", "user", "roles", "name", "ttl", "issuer", "audience", "roles-claim").contains(k)) {
        usage("unknown option --" + k);
      }
      opts.put(k, v);
    }
    return opts;
  }

  static void usage(String problem) {
    System.err.println("DevToken: " + problem);
    System.err.println("usage: DevToken keygen --dir DIR");
    System.err.println(
        "       DevToken token --dir DIR --user ID [--roles r1,r2] [--name NAME] [--ttl SECONDS]"
            + " [--issuer ISS] [--audience AUD] [--roles-claim groups|realm_access/roles]");
    System.exit(2);
  }

  static void ensureKeys(Path dir) throws IOException {
    Path priv = dir.resolve(PRIVATE_FILE);
    Path pub = dir.resolve(PUBLIC_FILE);
    if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
      return;
    }
    if (Files.exists(priv) != Files.exists(pub)) {
      System.err.println(
          "DevToken: only one of "
              + priv
              + " and "
              + pub
              + " exists; delete it to generate a new pair");
      System.exit(3);
    }
    Files.createDirectories(dir);
    KeyPair pair;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      pair = gen.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // write to temporary files first, so that a crash never leaves half a pair
    Path tmpPriv = Files.createTempFile(dir, ".dev-private", ".tmp");
    Path tmpPub = Files.createTempFile(dir, ".dev-public", ".tmp");
    try {
      Files.setPosixFilePermissions(tmpPriv, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    try {
      Files.setPosixFilePermissions(tmpPub, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    Files.writeString(
        tmpPriv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(
        tmpPub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    Files.move(tmpPub, pub, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Files.move(tmpPriv, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.err.println("DevToken: generated a development key pair in " + dir);
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static PrivateKey readPrivateKey(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      System.err.println(
          "DevToken: " + file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
      System.exit(3);
    }
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  static String token(
      PrivateKey key,
      String issuer,
      String audience,
      String user,
      String name,
      List<String> roles,
      String rolesClaim,
      long ttlSeconds)
      throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("aud", audience);
    claims.put("sub", user);
    claims.put("upn", user);
    claims.put("preferred_username", user);
    claims.put("name", name);
    putPath(claims, rolesClaim, roles);
    claims.put("iat", now);
    claims.put("exp", now + ttlSeconds);
    claims.put("jti", UUID.randomUUID().toString());

    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");

    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(json(header).getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(signature.sign());
  }

  @SuppressWarnings("unchecked")
  static void putPath(Map<String, Object> claims, String path, Object value) {
    String[] parts = path.split("/");
    Map<String, Object> current = claims;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        usage("bad roles claim path: " + path);
      }
      current =
          (Map<String, Object>)
              current.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    if (parts.length == 0 || parts[parts.length - 1].isEmpty()) {
      usage("bad roles claim path: " + path);
    }
    current.put(parts[parts.length - 1], value);
  }

  static String json(Object value) {
    StringBuilder sb = new StringBuilder();
    writeJson(sb, value);
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  static void writeJson(StringBuilder sb, Object value) {
    if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(sb, e.getKey());
        sb.append(':');
        writeJson(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeJson(sb, list.get(i));
      }
      sb.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      writeString(sb, String.valueOf(value));
    }
  }

  static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
