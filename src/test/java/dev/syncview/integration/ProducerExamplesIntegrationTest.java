package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Processes;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The publisher examples under examples/, run as a publisher runs them (the Java one through the
 * JDK's source launcher, the Python one with an interpreter that has kafka-python) against the
 * real service and its embedded broker: each publishes a source and a job and prints a listing
 * that holds the job, read with the positions its producer returned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducerExamplesIntegrationTest {
  static final Pattern JOB_LINE = Pattern.compile("(?m)^job +([0-9a-f-]{36}) at (sync\\.jobs:\\d+:\\d+)$");
  static final Duration EXAMPLE_TIMEOUT = Duration.ofMinutes(2);

  RunningService service;

  @BeforeAll
  void start() throws Exception {
    service = new RunningService().with("MIN_POSITION_TIMEOUT_MS", "10000").start();
    try (Producing kafka = new Producing(service.bootstrapServers())) {
      kafka.send("sync.api-keys", "publisher", Events.apiKey("publisher", "acme", "tok", null));
    }
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void shouldListTheJobTheJavaExamplePublished() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(java, "-Xmx256m", "-Dlogback.configurationFile=examples/java/logback.xml",
            "-cp", System.getProperty("java.class.path"),
            "examples/java/PublishSourceAndJob.java",
            service.bootstrapServers(), "http://127.0.0.1:" + service.httpPort(), "tok", "acme");

    checkListing(run(command));
  }

  @Test
  void shouldListTheJobThePythonExamplePublished() throws Exception {
    String python = pythonWithKafka();
    assumeThat(python).as("a python3 that can import kafka (apt-get install -y python3-kafka)").isNotNull();
    List<String> command =
        List.of(python, "examples/python/publish_source_and_job.py",
            "--bootstrap", service.bootstrapServers(), "--api", "http://127.0.0.1:" + service.httpPort(),
            "--token", "tok", "--tenant", "acme");

    checkListing(run(command));
  }

  /** The listing the example printed holds its job, as the service lists it. */
  void checkListing(String output) {
    Matcher job = JOB_LINE.matcher(output);
    assertThat(job.find()).as("the example prints its job's position:%n%s", output).isTrue();
    String jobId = job.group(1);
    String[] lines = output.split("\n");
    String listing = null;
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].startsWith("GET /api/v1/sources?") && lines[i].endsWith("-> 200")) {
        assertThat(lines[i]).contains("min_position=" + job.group(2).replace(":", "%3A"));
        listing = lines[i + 1];
      }
    }
    assertThat(listing).as("a 200 listing in:%n%s", output).isNotNull();
    List<String> ids = new ArrayList<>();
    for (JsonNode item : Json.parse(listing)) {
      ids.add(item.get("id").asText());
      if (item.get("id").asText().equals(jobId)) {
        assertThat(item.get("status").asText()).isEqualTo("pending");
        assertThat(item.at("/metadata/database_name").asText()).isEqualTo("examples-db");
        assertThat(item.at("/metadata/collection_name").asText()).isEqualTo("pages");
      }
    }
    assertThat(ids).contains(jobId);
  }

  /** Runs to the end (or the timeout) and returns stdout; stderr is shown when the run fails. */
  static String run(List<String> command) throws Exception {
    Path out = Files.createTempFile("example-", ".out");
    Path err = Files.createTempFile("example-", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      int exit = p.waitFor(EXAMPLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? p.exitValue() : Processes.stop(p, Duration.ofSeconds(5));
      String stdout = Files.readString(out);
      System.out.println(String.join(" ", command) + "\n" + stdout);
      assertThat(exit).as("exit of %s%nstdout:%n%s%nstderr:%n%s", command, stdout, tail(err)).isZero();
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static String tail(Path file) throws IOException {
    String s = Files.readString(file);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  /** Debian's python3-kafka installs for /usr/bin/python3, which a pyenv python3 on PATH hides. */
  static String pythonWithKafka() throws InterruptedException {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import kafka").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed under this name: try the next
      }
    }
    return null;
  }
}
