package dev.syncview.http;

import dev.syncview.query.Progress;
import dev.syncview.query.ViewStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies of {@code /health}. Both carry the restore and replay progress: the 503 so that an
 * operator waiting for a start sees how long it will take (still an ErrorResponse, with one field
 * more), the 200 because a view that answers may still be replaying its inputs.
 */
final class HealthBody {
  private HealthBody() {}

  static byte[] ok(ViewStatus.Lag lag, Progress progress) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("lag", lag);
    body.put("progress", progress);
    return StatusJson.write(body);
  }

  static byte[] unavailable(String message, Progress progress) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", ErrorBody.word(503));
    body.put("message", message);
    body.put("progress", progress);
    return StatusJson.write(body);
  }
}
