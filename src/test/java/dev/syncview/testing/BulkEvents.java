package dev.syncview.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A larger, realistic event load: tenants with a few databases, sources of every kind, jobs
 * published in several versions (as workers do), some deletes. Deterministic for a seed.
 */
public final class BulkEvents {
  public record Rec(String topic, String key, byte[] value) {}

  private BulkEvents() {}

  public static List<Rec> generate(long seed, int tenants, int sourcesPerTenant, int jobs) {
    Random r = new Random(seed);
    List<Rec> out = new ArrayList<>();
    List<String[]> sources = new ArrayList<>();
    for (int t = 0; t < tenants; t++) {
      String tenant = "tenant-" + t;
      out.add(new Rec("sync.api-keys", "key-" + t, Events.apiKey("key-" + t, tenant, "token-" + t, null).bytes()));
      for (int s = 0; s < sourcesPerTenant; s++) {
        String id = new UUID(r.nextLong(), r.nextLong()).toString();
        String db = "db-" + (s % 3);
        Events.Snapshot snap =
            switch (s % 3) {
              case 0 -> Events.githubSource(id, tenant, db);
              case 1 -> Events.webSource(id, tenant, db);
              default -> Events.s3Source(id, tenant, db);
            };
        out.add(new Rec("sync.sources", id, snap.bytes()));
        sources.add(new String[] {id, tenant});
      }
    }
    String[] statuses = {"\"processing\"", "{\"failed\":{\"error\":\"x\"}}", "\"cancelled\"",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":5}}"};
    for (int j = 0; j < jobs; j++) {
      String id = new UUID(r.nextLong(), r.nextLong()).toString();
      String[] src = sources.get(r.nextInt(sources.size()));
      String created = String.format("2026-%02d-%02dT%02d:%02d:00Z", 8 + r.nextInt(3), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60));
      out.add(new Rec("sync.jobs", id, Events.job(id, src[1], src[0]).createdAt(created).bytes()));
      out.add(new Rec("sync.jobs", id, Events.job(id, src[1], src[0]).createdAt(created).version(2)
          .setJson("status", statuses[r.nextInt(statuses.length)]).set("object_key", "k/" + j).bytes()));
      if (r.nextInt(50) == 0) {
        out.add(new Rec("sync.jobs", id, null));
      }
    }
    return out;
  }
}
