/*
 * Creates the application role and databases in PostgreSQL when psql is not installed.
 * JDK + the PostgreSQL JDBC driver (org.postgresql:postgresql).
 *
 *   java -cp '.switchboard/postgres/jdbc/*' deploy/local/PgProvision.java
 *
 * Everything comes from the environment (the same variables the services read):
 *   PG_HOST, PG_PORT            server (default localhost:5432)
 *   PG_ADMIN_USER               a superuser or a role with CREATEROLE + CREATEDB (default postgres)
 *   PG_ADMIN_PASSWORD           its password (default empty: trust/peer authentication)
 *   PG_USER, PG_PASSWORD        the application role (default switchboard/switchboard)
 *   PG_DATABASES                space-separated databases to create, owned by PG_USER
 *                               (default "switchboard switchboard_test")
 * Idempotent: an existing role is left as it is; existing databases are left as they are.
 * Finally checks that PG_USER can log in to each database with PG_PASSWORD.
 *
 * Exit codes: 0 ok, 1 cannot connect as the admin user, 3 other error, 4 the application role cannot log in.
 */

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public class PgProvision {

  public static void main(String[] args) {
    String host = env("PG_HOST", "localhost");
    String port = env("PG_PORT", "5432");
    String admin = env("PG_ADMIN_USER", "postgres");
    String adminPassword = env("PG_ADMIN_PASSWORD", "");
    String user = env("PG_USER", "switchboard");
    String password = env("PG_PASSWORD", "switchboard");
    String[] databases = env("PG_DATABASES", "switchboard switchboard_test").trim().split("\\s+");
    String base =
        "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";

    Properties adminProps = new Properties();
    adminProps.setProperty("user", admin);
    if (!adminPassword.isEmpty()) {
      adminProps.setProperty("password", adminPassword);
    }
    adminProps.setProperty("connectTimeout", "5");

    try (Connection c = connect(base + "postgres", adminProps, admin)) {
      try (Statement st = c.createStatement()) {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
          st.execute("CREATE ROLE " + ident(user) + " LOGIN PASSWORD " + literal(password));
          System.out.println("  created role " + user);
        }
        for (String db : databases) {
          if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
            st.execute("CREATE DATABASE " + ident(db) + " OWNER " + ident(user));
            System.out.println("  created database " + db + " (owner " + user + ")");
          }
        }
      }
    } catch (SQLException e) {
      System.err.println("PgProvision: " + e.getMessage());
      System.exit(3);
    }

    Properties appProps = new Properties();
    appProps.setProperty("user", user);
    appProps.setProperty("password", password);
    appProps.setProperty("connectTimeout", "5");
    for (String db : databases) {
      try (Connection c = DriverManager.getConnection(base + db, appProps)) {
        c.createStatement().execute("SELECT 1");
      } catch (SQLException e) {
        System.err.println(
            "PgProvision: role "
                + user
                + " cannot log in to database "
                + db
                + ": "
                + e.getMessage());
        System.exit(4);
      }
    }
  }

  static Connection connect(String url, Properties props, String admin) {
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      System.err.println(
          "PgProvision: cannot connect to " + url + " as " + admin + ": " + e.getMessage());
      System.err.println(
          "PgProvision: set PG_ADMIN_USER / PG_ADMIN_PASSWORD to a role that may create"
              + " roles and databases");
      System.exit(1);
      return null;
    }
  }

  static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static String env(String name, String def) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? def : v;
  }

  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
