package dev.syncview.http;

import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness.InputPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code min_position=<topic>:<partition>:<offset>}, repeatable: records a client produced and
 * wants reflected in the answer (read-your-writes). The topic may itself contain ':'. Positions on
 * one partition wait for the highest of them only, so a few cover any batch a client wrote.
 */
final class MinPositions {
  static final int MAX = 32;

  private MinPositions() {}

  static List<InputPosition> parse(QueryString q) {
    List<InputPosition> out = new ArrayList<>();
    List<String> values = q.all("min_position");
    if (values.size() > MAX) {
      throw new ApiException.BadRequest("min_position is given more than " + MAX + " times");
    }
    for (String v : values) {
      int second = v.lastIndexOf(':');
      int first = second > 0 ? v.lastIndexOf(':', second - 1) : -1;
      if (first <= 0) {
        throw invalid();
      }
      try {
        int partition = Integer.parseInt(v.substring(first + 1, second));
        long offset = Long.parseLong(v.substring(second + 1));
        if (partition < 0 || offset < 0 || !digits(v.substring(first + 1))) {
          throw invalid();
        }
        out.add(new InputPosition(v.substring(0, first), partition, offset));
      } catch (NumberFormatException e) {
        throw invalid();
      }
    }
    return out;
  }

  private static boolean digits(String s) {
    return s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ':');
  }

  private static ApiException.BadRequest invalid() {
    return new ApiException.BadRequest("min_position must be <topic>:<partition>:<offset>");
  }
}
