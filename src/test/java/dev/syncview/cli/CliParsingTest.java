package dev.syncview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's contract with the operator: help and version everywhere, and every mistyped,
 * truncated or empty argument refused with exit 2 and one line on stderr before anything runs.
 */
class CliParsingTest {
  static final String[][] COMMANDS = {
    {},
    {"keys"},
    {"keys", "create"},
    {"keys", "list"},
    {"keys", "revoke"},
    {"topics"},
    {"topics", "create"},
    {"topics", "check"},
    {"reset"},
    {"broker"},
    {"publish-demo"},
    {"create-key"}
  };

  static Stream<Arguments> commands() {
    return Stream.of(COMMANDS).map(c -> Arguments.of((Object) c));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldPrintHelpAndExit0WithoutRunningAnything(String[] command) {
    CliRun cli = CliRun.withoutSettings();

    CliRun.Result r = cli.run(append(command, "--help"));

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: " + String.join(" ", append(new String[] {"sync-view"}, command)));
    assertThat(r.out()).contains("--version").contains("Exit codes:");
    assertThat(r.err()).isEmpty();
    assertThat(cli.settingsReads).hasValue(0);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldPrintTheProjectVersionFromThePomAndExit0(String[] command) throws IOException {
    CliRun cli = CliRun.withoutSettings();

    CliRun.Result r = cli.run(append(command, "--version"));

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("sync-view " + pomVersion() + System.lineSeparator());
    assertThat(r.err()).isEmpty();
    assertThat(cli.settingsReads).hasValue(0);
  }

  static Stream<Arguments> usageErrors() {
    String tenant129 = "t".repeat(129);
    String db257 = "d".repeat(257);
    return Stream.of(
        Arguments.of(new String[] {"--dmeo"}, "--dmeo"),
        Arguments.of(new String[] {"frobnicate"}, "frobnicate"),
        Arguments.of(new String[] {"--demo", "keys", "list"}, "--demo"),
        Arguments.of(new String[] {"keys"}, "missing command"),
        Arguments.of(new String[] {"keys", "frob"}, "frob"),
        Arguments.of(new String[] {"topics"}, "missing command"),
        Arguments.of(new String[] {"topics", "check", "--all"}, "--all"),
        Arguments.of(new String[] {"reset", "--forse"}, "--forse"),
        Arguments.of(new String[] {"keys", "list", "extra"}, "extra"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme", "--databases"}, "--databases"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme", "--databases", ""}, "must not be empty"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme", "--databases", "a,,b"}, "database name 2"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme", "--databases", "a,"}, "database name 2"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme", "--databases", db257}, "at most 256"),
        Arguments.of(new String[] {"keys", "create", "--databases", "docs-db", "--tenant"}, "--tenant"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "", "--all-databases"}, "tenant must not be empty"),
        Arguments.of(new String[] {"keys", "create", "--tenant", tenant129, "--all-databases"}, "at most 128"),
        Arguments.of(new String[] {"keys", "create", "--all-databases"}, "--tenant"),
        Arguments.of(new String[] {"keys", "create", "--tenant", "acme"}, "--databases"),
        Arguments.of(
            new String[] {"keys", "create", "--tenant", "acme", "--databases", "a", "--all-databases"},
            "mutually exclusive"),
        Arguments.of(
            new String[] {"keys", "create", "--tenant", "acme", "--all-databases", "--id", ""}, "key id"),
        Arguments.of(new String[] {"keys", "revoke"}, "--id"),
        Arguments.of(new String[] {"keys", "revoke", "--id"}, "--id"),
        Arguments.of(new String[] {"create-key", "--tenant", "acme", "--databases"}, "--databases"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void shouldRefuseWithExit2AndOneLineNamingTheProblem(String[] args, String named) {
    CliRun cli = CliRun.withoutSettings();

    CliRun.Result r = cli.run(args);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines().get(0)).startsWith("sync-view").contains(named);
    assertThat(r.errLines().get(r.errLines().size() - 1)).contains("--help");
    assertThat(cli.settingsReads).as("settings read: a command ran").hasValue(0);
    assertThat(cli.topic.opened).isZero();
  }

  @Test
  void shouldExit2NamingAnInvalidSettingWhenACommandReadsTheSettings() {
    CliRun cli = CliRun.withSettings(Map.of("HTTP_PORT", "http"));

    CliRun.Result r = cli.run("keys", "list");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("configuration error").contains("HTTP_PORT");
    assertThat(cli.topic.opened).isZero();
  }

  static String[] append(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  /** The version as the pom declares it, read independently of the filtered resource. */
  static String pomVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>sync-view</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(m.find()).as("the project version in pom.xml").isTrue();
    return m.group(1);
  }
}
