package dev.syncview.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keys}: only a group; on its own it is a usage error rather than a silent no-op. */
@Command(
    name = "keys",
    description = "Issue, list and revoke API keys on the API-key topic (TOPIC_API_KEYS).")
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: create, list or revoke");
  }
}
