package dev.syncview.tools;

import dev.syncview.config.AppConfig;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code create-key --tenant T [--databases a,b] [--id K]}: publishes an API-key snapshot to the
 * configured cluster (by default the embedded broker of a running service) and prints the token
 * once. Re-issuing an existing id replaces its token.
 */
public final class KeyCommand {
  private KeyCommand() {}

  public static int run(AppConfig config, List<String> args, PrintStream out) throws InterruptedException {
    String tenant = option(args, "--tenant");
    if (tenant == null || tenant.isEmpty()) {
      out.println("usage: create-key --tenant <tenant> [--databases db1,db2] [--id key-id]");
      return 2;
    }
    String dbs = option(args, "--databases");
    List<String> databases = dbs == null ? null : Arrays.stream(dbs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    String id = option(args, "--id");
    String keyId = id != null ? id : "key-" + UUID.randomUUID().toString().substring(0, 8);
    ApiKeys.Issued key = ApiKeys.issue(keyId, tenant, databases, System.currentTimeMillis());
    try (Publisher p = new Publisher(config.bootstrapServers())) {
      p.send(config.topics().apiKeys(), key.keyId(), key.snapshotJson());
      p.awaitAcks();
    }
    out.println("key id:  " + key.keyId());
    out.println("tenant:  " + tenant + (databases == null ? " (all databases)" : " (databases " + databases + ")"));
    out.println("token:   " + key.token());
    out.println("(the token is shown only now; the topic holds its SHA-256)");
    return 0;
  }

  static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }
}
