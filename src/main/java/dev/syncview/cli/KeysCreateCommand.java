package dev.syncview.cli;

import dev.syncview.tools.ApiKeys;
import dev.syncview.tools.KeyLedger;
import dev.syncview.tools.KeyTopic;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys create}: publishes an API-key snapshot and prints the token once. The scope must be
 * named: {@code --databases} or {@code --all-databases}, never implied by a missing option, so a
 * truncated command cannot widen a key's access. Re-issuing a live id replaces its token.
 */
@Command(
    name = "create",
    description = {
      "Issue an API key for a tenant. The token is printed once; only its SHA-256 is published.",
      "Re-issuing a live --id replaces its token; a revoked id cannot be issued again."
    })
class KeysCreateCommand implements Callable<Integer> {
  final CliContext ctx;

  @Option(
      names = "--tenant",
      required = true,
      converter = Names.Tenant.class,
      paramLabel = "<tenant>",
      description = "Tenant of the key: 1 to 128 characters.")
  String tenant;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Scope scope;

  @Option(
      names = "--id",
      converter = Names.KeyId.class,
      paramLabel = "<key-id>",
      description = "Key id, 1 to 256 characters (default: key-<random>).")
  String id;

  /** Exactly one of the two: the key's reach is always spelled out. */
  static final class Scope {
    @Option(
        names = "--databases",
        converter = Names.Databases.class,
        paramLabel = "<db>[,<db>...]",
        description = "Limit the key to these databases (names of 1 to 256 characters, comma-separated).")
    Names.DatabaseList databases;

    @Option(names = "--all-databases", description = "Let the key read every database of the tenant.")
    boolean allDatabases;

    /** null for every database, as the snapshot says it. */
    List<String> databasesOrNull() {
      return databases == null ? null : databases.names();
    }
  }

  KeysCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    try (KeyTopic topic = ctx.keyTopics().apply(ctx.settings().get())) {
      String keyId = id != null ? id : "key-" + UUID.randomUUID().toString().substring(0, 8);
      long applied = KeyLedger.of(topic.readAll()).get(keyId).map(this::reissuable).orElse(0L);
      ApiKeys.Issued key = ApiKeys.issue(keyId, tenant, scope.databasesOrNull(), ApiKeys.nextVersion(applied));
      topic.publish(keyId, key.snapshotJson());
      print(key);
      return 0;
    }
  }

  /** The applied version of a live key; a revoked one would ignore the new snapshot for good. */
  private long reissuable(KeyLedger.KeyState known) {
    if (known.revoked()) {
      throw new IllegalStateException(
          "key " + known.id() + " is revoked and revocation is final: choose another --id");
    }
    return known.version();
  }

  private void print(ApiKeys.Issued key) {
    List<String> dbs = scope.databasesOrNull();
    ctx.out().println("key id:  " + key.keyId());
    ctx.out().println("tenant:  " + tenant + (dbs == null ? " (all databases)" : " (databases " + dbs + ")"));
    ctx.out().println("token:   " + key.token());
    ctx.out().println("(the token is shown only now; the topic holds its SHA-256)");
  }
}
