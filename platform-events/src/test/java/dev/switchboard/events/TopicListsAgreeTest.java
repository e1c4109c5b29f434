package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Topics are created outside Java (the local script, docker-compose, the Kubernetes job): each of
 * those lists must name exactly the topics of {@link Topics#all()}, or a deployment would lack one.
 */
class TopicListsAgreeTest {

  private static final Pattern TOPIC = Pattern.compile("\\boc\\.[a-z0-9.]*[a-z0-9]");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "deploy/local/topics.conf",
        "docker-compose.yml",
        "deploy/k8s/create-topics-job.yaml"
      })
  void everyDeploymentCreatesExactlyTheCatalogueTopics(String file) throws IOException {
    Set<String> expected =
        Topics.all().stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> named = new TreeSet<>();
    Matcher matcher = TOPIC.matcher(Files.readString(repositoryRoot().resolve(file)));
    while (matcher.find()) {
      named.add(matcher.group());
    }
    assertEquals(expected, named, file + " must create exactly the topics of Topics.all()");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the repository");
    }
    return dir;
  }
}
