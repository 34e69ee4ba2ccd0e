package dev.syncview.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine;

/**
 * The command tree. Every command gets {@code --help} and {@code --version} from the root (scope
 * INHERIT); exit codes: 0 ok, 1 the command failed, 2 usage error (the root's help lists them).
 */
public final class Cli {
  private Cli() {}

  /** Parses {@code args} and runs the command; returns the exit code. */
  public static int execute(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  static CommandLine commandLine(CliContext ctx) {
    CommandLine keys =
        new CommandLine(new KeysCommand())
            .addSubcommand(new KeysCreateCommand(ctx))
            .addSubcommand(new KeysListCommand(ctx))
            .addSubcommand(new KeysRevokeCommand(ctx));
    CommandLine root =
        new CommandLine(new ServiceCommand(ctx))
            .addSubcommand(keys)
            .addSubcommand(new TopicsCommand(ctx))
            .addSubcommand(new ResetCommand(ctx))
            .addSubcommand(new BrokerCommand(ctx))
            .addSubcommand(new PublishDemoCommand(ctx))
            .addSubcommand(new CreateKeyAlias(ctx));
    // set last: these setters reach only the subcommands added so far
    return root.setOut(writer(ctx.out()))
        .setErr(writer(ctx.err()))
        .setExecutionStrategy(Cli::runLast)
        .setParameterExceptionHandler(new UsageErrors())
        .setExecutionExceptionHandler(new Failures());
  }

  /**
   * Runs the last command given, as picocli does, but refuses the service's {@code --demo} before
   * a command: picocli would accept it there and ignore it.
   */
  private static int runLast(ParseResult parsed) {
    if (parsed.hasSubcommand() && parsed.hasMatchedOption("--demo")) {
      throw new ParameterException(
          parsed.commandSpec().commandLine(),
          "--demo belongs to the service; it cannot be given with '" + parsed.subcommand().commandSpec().name() + "'");
    }
    return new RunLast().execute(parsed);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(stream, true);
  }
}
