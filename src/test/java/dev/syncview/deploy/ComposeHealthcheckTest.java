package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syncview.http.HttpMetrics;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.query.Placement;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose runs a CMD-SHELL healthcheck with the container's /bin/sh: dash in the service image
 * (busybox ash in Kafka's), neither of which has bash's /dev/tcp. Each is parsed by dash here, and
 * the service's is run by dash against the real HTTP server, with the jar path and port of this
 * machine in place of the container's.
 */
class ComposeHealthcheckTest {
  Path dash;

  @BeforeEach
  void requireDash() {
    assumeTrue(
        Binaries.find("dash").isPresent(),
        "dash is not installed (apt-get install -y dash): the healthchecks cannot be run as the containers run them");
    dash = Binaries.find("dash").orElseThrow();
  }

  @Test
  void shouldParseEveryShellHealthcheckWithDash() throws Exception {
    Map<String, String> checks = shellHealthchecks();
    assertThat(checks).containsKeys("kafka-1", "kafka-2", "kafka-3", "sync-view");
    for (Map.Entry<String, String> c : checks.entrySet()) {
      assertThat(run(List.of(dash.toString(), "-n", "-c", c.getValue()), Map.of())).as(c.getKey()).isZero();
      assertThat(c.getValue()).as(c.getKey()).doesNotContain("/dev/tcp", "[[", "<<<");
    }
  }

  @Test
  void shouldPassTheServicesHealthcheckExactlyWhileItIsLive() throws Exception {
    // Given the service's healthcheck, pointed at this machine's classes and a real HTTP server
    SwitchableView view = new SwitchableView();
    Javalin http =
        HttpServer.create(
                view,
                view,
                (positions, timeout) -> {},
                Placement.SINGLE,
                new HttpSettings("s".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1), "sync.api-keys"),
                HttpMetrics.NONE)
            .start("127.0.0.1", 0);
    String check = shellHealthchecks().get("sync-view");
    assertThat(check).contains("/app/sync-view.jar", "127.0.0.1:8080/health/live");
    String here =
        check.replace("/app/sync-view.jar", Path.of("target", "classes").toAbsolutePath().toString())
            .replace("127.0.0.1:8080", "127.0.0.1:" + http.port());
    Map<String, String> env = Map.of("PATH", Binaries.javaBin() + ":" + System.getenv("PATH"));
    try {
      // Then it passes while live, even before ready (restoring is no reason to restart)
      assertThat(run(List.of(dash.toString(), "-c", here), env)).isZero();
      // and fails once the projection failed for good
      view.live = false;
      assertThat(run(List.of(dash.toString(), "-c", here), env)).isEqualTo(1);
    } finally {
      http.stop();
    }
    // and when nothing answers
    assertThat(run(List.of(dash.toString(), "-c", here), env)).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> shellHealthchecks() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    Map<String, String> checks = new LinkedHashMap<>();
    ((Map<String, Object>) compose.get("services"))
        .forEach(
            (name, s) -> {
              Map<String, Object> healthcheck = (Map<String, Object>) ((Map<String, Object>) s).get("healthcheck");
              if (healthcheck != null) {
                List<String> test = (List<String>) healthcheck.get("test");
                assertThat(test.get(0)).as("%s healthcheck form", name).isIn("CMD-SHELL", "CMD");
                if (test.get(0).equals("CMD-SHELL")) {
                  checks.put(name, test.get(1));
                }
              }
            });
    return checks;
  }

  private static int run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("finished: %s", output).isTrue();
    System.out.println(String.join(" ", command) + " -> " + p.exitValue() + " " + output);
    return p.exitValue();
  }
}
