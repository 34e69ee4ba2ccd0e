package dev.syncview.cli;

import dev.syncview.config.ConfigException;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * A command that failed while running: one line on stderr with the causes' messages, exit 1. An
 * invalid setting (environment or properties file) is the operator's input, so it exits 2 like a
 * bad option.
 */
final class Failures implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (ex instanceof ConfigException) {
      cmd.getErr().println(name + ": configuration error: " + ex.getMessage());
      cmd.getErr().flush();
      return ExitCode.USAGE;
    }
    cmd.getErr().println(name + ": " + describe(ex));
    cmd.getErr().flush();
    return ExitCode.SOFTWARE;
  }

  /** The messages of the cause chain, each once: wrappers often repeat their cause's. */
  static String describe(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m =
          c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().replaceAll("\\s*\\R\\s*", " ");
      if (out.indexOf(m) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(m);
      }
    }
    return out.toString();
  }
}
