package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import dev.syncview.tools.ApiKeys;
import dev.syncview.tools.KeyLedger;
import dev.syncview.tools.KeyTopic;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys revoke}: publishes the key's last snapshot with {@code revoked: true} and a higher
 * version (the README says why not a tombstone). Revoking a revoked key changes nothing.
 */
@Command(
    name = "revoke",
    description = "Revoke an API key for good: it stops authenticating and its id cannot be issued again.")
final class KeysRevokeCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--id",
      required = true,
      converter = Names.KeyId.class,
      paramLabel = "<key-id>",
      description = "Id of the key to revoke (see 'keys list').")
  String id;

  KeysRevokeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    try (KeyTopic topic = ctx.keyTopics().apply(config)) {
      KeyLedger.KeyState key =
          KeyLedger.of(topic.readAll())
              .get(id)
              .orElseThrow(() -> new IllegalStateException("no key " + id + " on " + config.topics().apiKeys()));
      if (key.revoked()) {
        ctx.out().println("key " + id + " is already revoked");
        return 0;
      }
      String revocation = ApiKeys.revocation(key.last().orElseThrow(), ApiKeys.nextVersion(key.version()));
      topic.publish(id, revocation);
      ctx.out().println("key " + id + " (tenant " + key.last().orElseThrow().tenant() + ") revoked");
      return 0;
    }
  }
}
