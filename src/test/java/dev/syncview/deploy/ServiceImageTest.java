package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The service image as far as it can be checked without a Docker engine: built from source in a
 * Maven stage, run on the JRE as a non-root user that owns the data volume's mount point, started
 * by the entrypoint script under /bin/sh, and built from a context that holds the sources only.
 */
class ServiceImageTest {
  /** Where the compose file mounts the service's named volume, and where the entrypoint looks. */
  static final String DATA_VOLUME = "/data";

  static String entrypointDataVolume() throws IOException {
    Matcher m = Pattern.compile("\\$\\{DATA_VOLUME:-([^}]+)}").matcher(Files.readString(Path.of("docker/entrypoint.sh")));
    assertThat(m.find()).as("DATA_VOLUME default in docker/entrypoint.sh").isTrue();
    return m.group(1);
  }

  @Test
  void shouldBuildTheJarFromSourceAndRunItOnTheJre() throws IOException {
    Dockerfile d = Dockerfile.read(Path.of("Dockerfile"));

    assertThat(d.stages()).hasSize(2);
    assertThat(d.first().from()).matches("maven:\\S*eclipse-temurin-17\\S* AS build");
    assertThat(d.first().all("RUN")).anySatisfy(r -> assertThat(r).contains("mvn -q").endsWith("-DskipTests package"));
    assertThat(d.last().from()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(d.last().all("COPY"))
        .contains("--from=build /src/target/sync-view.jar /app/sync-view.jar", "--from=build /src/target/lib/ /app/lib/");
  }

  @Test
  void shouldRunAsANonRootUserThatOwnsTheDataMountPoint() throws IOException {
    Dockerfile.Stage runtime = Dockerfile.read(Path.of("Dockerfile")).last();

    List<String> users = runtime.all("USER");
    assertThat(users).hasSize(1);
    String user = users.get(0);
    assertThat(user.split(":")[0]).matches("[1-9][0-9]*"); // numeric: checkable by runAsNonRoot
    // a new named volume takes the owner of the image's directory it is mounted on
    assertThat(runtime.all("RUN")).anySatisfy(r -> assertThat(r).contains("chown " + user + " " + DATA_VOLUME));
    assertThat(composeServicesOfThisImage()).allSatisfy(s -> assertThat(s).doesNotContainKey("user"));
  }

  @Test
  void shouldStartThroughTheEntrypointScriptUnderSh() throws IOException {
    Dockerfile.Stage runtime = Dockerfile.read(Path.of("Dockerfile")).last();

    assertThat(runtime.all("COPY")).contains("docker/entrypoint.sh /app/entrypoint.sh");
    assertThat(runtime.all("ENTRYPOINT")).containsExactly("[\"/bin/sh\", \"/app/entrypoint.sh\"]");
    assertThat(runtime.all("ENV")).anySatisfy(e -> assertThat(e).contains("HTTP_PORT=8080"));
  }

  @Test
  void shouldDocumentEveryVariableTheImageSetsOrTheEntrypointReads() throws IOException {
    Set<String> variables = new TreeSet<>();
    String envs = String.join(" ", Dockerfile.read(Path.of("Dockerfile")).last().all("ENV"));
    Matcher env = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(envs);
    while (env.find()) {
      variables.add(env.group(1));
    }
    Matcher read = Pattern.compile("\\$\\{(\\w+)").matcher(Files.readString(Path.of("docker", "entrypoint.sh")));
    while (read.find()) {
      variables.add(read.group(1));
    }
    assertThat(variables).contains("HTTP_PORT", "JAVA_OPTS", "DATA_VOLUME", "DATA_DIR", "APPLICATION_SERVER");

    // settings have their row in the configuration table (ReadmeDocumentsEverySettingTest); the
    // entrypoint's own are explained where the README describes the image
    Set<String> settings = Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toSet());
    String readme = Files.readString(Path.of("README.md"));
    assertThat(variables).allSatisfy(v -> assertThat(settings.contains(v) || readme.contains("`" + v + "`")).as(v).isTrue());
  }

  @Test
  void shouldSendTheSourcesAndNothingElseToTheBuild() throws IOException {
    DockerIgnore ignore = DockerIgnore.read(Path.of(".dockerignore"));

    for (String local : List.of(".git/HEAD", "target/sync-view.jar", "data/state/x", "data-2/kafka/x", ".idea/x", "bench/runs/x", "BENCHMARKS.md")) {
      assertThat(ignore.sends(local)).as(local).isFalse();
    }
    // every file the build stage and the entrypoint COPY need
    assertThat(ignore.sends("pom.xml")).isTrue();
    try (Stream<Path> files = Stream.of("src", "topics", "docker").map(Path::of).flatMap(ServiceImageTest::walk)) {
      assertThat(files.filter(Files::isRegularFile)).allSatisfy(f -> assertThat(ignore.sends(f.toString())).as(f.toString()).isTrue());
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> composeServicesOfThisImage() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    return ((Map<String, Object>) compose.get("services")).values().stream()
        .map(s -> (Map<String, Object>) s)
        .filter(s -> "sync-view:local".equals(s.get("image")))
        .toList();
  }
}
