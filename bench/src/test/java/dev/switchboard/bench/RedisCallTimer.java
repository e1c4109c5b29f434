package dev.switchboard.bench;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times every {@code execute} call routing-service's store makes on its {@link RedisDataSource},
 * named by command, a Lua script by its constant in {@code RoutingScripts} (read by reflection: the
 * class is package-private and stays as it is). Where a decision's time goes: how many round trips,
 * which of them are slow, how many arguments they carry.
 */
final class RedisCallTimer implements InvocationHandler {

  /** Calls of one name: how many, their time, their arguments. */
  static final class Calls {
    long count;
    long nanos;
    long arguments;
    long replyElements;
  }

  private static final Map<String, String> SCRIPT_NAMES = scriptNames();

  private final RedisDataSource target;
  private final Map<String, Calls> calls = new LinkedHashMap<>();
  private boolean recording;

  private RedisCallTimer(RedisDataSource target) {
    this.target = target;
  }

  static RedisCallTimer around(RedisDataSource target) {
    return new RedisCallTimer(target);
  }

  RedisDataSource proxy() {
    return (RedisDataSource)
        Proxy.newProxyInstance(
            RedisDataSource.class.getClassLoader(), new Class<?>[] {RedisDataSource.class}, this);
  }

  void recording(boolean on) {
    recording = on;
  }

  Map<String, Calls> calls() {
    return calls;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    boolean timed =
        recording
            && method.getName().equals("execute")
            && args != null
            && args.length == 2
            && args[0] instanceof String
            && args[1] instanceof String[];
    long start = System.nanoTime();
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (timed) {
      long nanos = System.nanoTime() - start;
      String command = (String) args[0];
      String[] arguments = (String[]) args[1];
      String name =
          command.equalsIgnoreCase("EVALSHA") && arguments.length > 0
              ? SCRIPT_NAMES.getOrDefault(arguments[0], "EVALSHA " + arguments[0])
              : command;
      Calls of = calls.computeIfAbsent(name, n -> new Calls());
      of.count++;
      of.nanos += nanos;
      of.arguments += arguments.length;
      of.replyElements += result instanceof Response response ? elements(response) : 0;
    }
    return result;
  }

  private static int elements(Response response) {
    return response.getDelegate().type() == ResponseType.MULTI ? response.size() : 1;
  }

  /** SHA-1 -> the script's constant name in RoutingScripts ("RESERVE", "OPEN_OFFER"...). */
  private static Map<String, String> scriptNames() {
    Map<String, String> names = new HashMap<>();
    try {
      Class<?> scripts = Class.forName("dev.switchboard.routing.distribution.store.RoutingScripts");
      for (Field field : scripts.getDeclaredFields()) {
        if (!field.getType().getSimpleName().equals("LuaScript")) {
          continue;
        }
        field.setAccessible(true);
        Object script = field.get(null);
        Field sha = script.getClass().getDeclaredField("sha");
        sha.setAccessible(true);
        names.put((String) sha.get(script), field.getName());
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // The calls are then named by their SHA-1: still counted and timed.
    }
    return names;
  }
}
