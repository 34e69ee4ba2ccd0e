package dev.syncview.cli;

import dev.syncview.domain.ApiKey;
import dev.syncview.tools.KeyLedger;
import dev.syncview.tools.KeyTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code keys list}: one line per key id on the topic, as the service sees it. Never the token
 * hash: it identifies a token wherever it turns up, and listing keys needs no secret.
 */
@Command(
    name = "list",
    description = "List every key on the topic: id, tenant, databases, whether revoked. Never tokens or hashes.")
final class KeysListCommand implements Callable<Integer> {
  static final List<String> HEADER = List.of("ID", "TENANT", "DATABASES", "REVOKED");
  private final CliContext ctx;

  KeysListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    KeyLedger ledger;
    try (KeyTopic topic = ctx.keyTopics().apply(ctx.settings().get())) {
      ledger = KeyLedger.of(topic.readAll());
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    ledger.keys().forEach(k -> rows.add(row(k)));
    Table.print(rows, ctx.out());
    return 0;
  }

  /** A key known only from a tombstone has no tenant or scope left to show: "-". */
  static List<String> row(KeyLedger.KeyState k) {
    String tenant = k.last().map(ApiKey::tenant).orElse("-");
    String dbs = k.last().map(KeysListCommand::scope).orElse("-");
    return List.of(k.id(), tenant, dbs, k.revoked() ? "yes" : "no");
  }

  private static String scope(ApiKey key) {
    return key.databases() == null ? "(all)" : String.join(",", key.databases());
  }
}
