package dev.syncview.cli;

import dev.syncview.tools.ApiKeys;
import dev.syncview.tools.DemoData;
import java.io.PrintStream;

/** What {@code --demo} and {@code publish-demo} print: counts, the tokens (once), a curl to try. */
final class DemoOutput {
  private DemoOutput() {}

  static void print(DemoData.Summary s, int httpPort, PrintStream out) {
    out.println();
    out.println("Demo data published: " + s.sources() + " sources, " + s.jobs() + " jobs, 3 tenants.");
    for (ApiKeys.Issued k : s.keys()) {
      out.println("  " + k.keyId() + " token: " + k.token());
    }
    out.println();
    out.println("Try:");
    out.println(
        "  curl -s -H 'x-chroma-token: "
            + s.keys().get(0).token()
            + "' 'http://localhost:"
            + httpPort
            + "/api/v1/sources?limit=5'");
    out.println();
  }
}
