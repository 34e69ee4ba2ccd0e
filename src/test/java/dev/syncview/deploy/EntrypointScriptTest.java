package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/entrypoint.sh run by dash, the image's /bin/sh, with a stand-in {@code java} that records
 * how it was started and, when asked, keeps running like the service: replicas sharing one volume
 * each get a slot of their own, and a stopped replica's slot (its state) goes to the next one.
 */
class EntrypointScriptTest {
  @TempDir Path dir;
  Path dash;
  Path volume;

  @BeforeEach
  void stubs() throws IOException {
    assumeTrue(
        Binaries.find("dash").isPresent() && Binaries.find("flock").isPresent(),
        "dash or flock is not installed (apt-get install -y dash util-linux): the entrypoint cannot be run as the image runs it");
    dash = Binaries.find("dash").orElseThrow();
    volume = dir.resolve("volume");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("hostname"), "echo '10.0.0.7 fe80::42'");
    // exec keeps one process, so stopping it releases the slot lock it inherited
    script(
        bin.resolve("java"),
        "printf 'DATA_DIR=%s\\nAPPLICATION_SERVER=%s\\nARGS=%s\\n' \"$DATA_DIR\" \"$APPLICATION_SERVER\" \"$*\" > \"$OUT.tmp\"",
        "mv \"$OUT.tmp\" \"$OUT\"",
        "if [ -n \"${HOLD:-}\" ]; then exec sleep 60; fi");
  }

  @Test
  void shouldAdvertiseTheContainerAddressAndStartJavaInTheFirstSlot() throws Exception {
    Process p = start("first", false);

    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readAllLines(dir.resolve("first")))
        .containsExactly(
            "DATA_DIR=" + volume.resolve("slot-1"),
            "APPLICATION_SERVER=10.0.0.7:8080",
            "ARGS=-Xmx1m -XX:+ExitOnOutOfMemoryError -jar /app/sync-view.jar run");
  }

  @Test
  void shouldGiveEachRunningInstanceItsOwnSlotAndAStoppedInstancesSlotToTheNext() throws Exception {
    Process a = start("a", true);
    awaitStarted("a");
    Process b = start("b", true);
    awaitStarted("b");
    try {
      assertThat(Files.readAllLines(dir.resolve("a"))).contains("DATA_DIR=" + volume.resolve("slot-1"));
      assertThat(Files.readAllLines(dir.resolve("b"))).contains("DATA_DIR=" + volume.resolve("slot-2"));

      // When the first stops (SIGTERM reaches java itself: the entrypoint exec'ed it)
      a.destroy();
      assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
      Process c = start("c", false);

      // Then its slot is free again, and the second's is not
      assertThat(c.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readAllLines(dir.resolve("c"))).contains("DATA_DIR=" + volume.resolve("slot-1"));
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
  }

  private Process start(String name, boolean hold) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(dash.toString(), Path.of("docker", "entrypoint.sh").toString(), "run")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().keySet().removeAll(List.of("APPLICATION_SERVER", "DATA_DIR", "HTTP_PORT", "HOLD"));
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("DATA_VOLUME", volume.toString());
    pb.environment().put("JAVA_OPTS", "-Xmx1m -XX:+ExitOnOutOfMemoryError");
    pb.environment().put("OUT", dir.resolve(name).toString());
    if (hold) {
      pb.environment().put("HOLD", "1");
    }
    return pb.start();
  }

  private void awaitStarted(String name) {
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve(name)));
  }

  private void script(Path path, String... lines) throws IOException {
    Files.writeString(path, "#!" + dash + "\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
