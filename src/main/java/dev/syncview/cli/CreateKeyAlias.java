package dev.syncview.cli;

import picocli.CommandLine.Command;

/** {@code create-key}: the old spelling of {@code keys create}, kept so scripts keep working. */
@Command(name = "create-key", hidden = true, description = "Deprecated: use 'keys create'.")
final class CreateKeyAlias extends KeysCreateCommand {
  CreateKeyAlias(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() throws InterruptedException {
    ctx.err().println("create-key is deprecated; use: keys create");
    return super.call();
  }
}
