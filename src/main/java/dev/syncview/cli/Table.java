package dev.syncview.cli;

import java.io.PrintStream;
import java.util.List;

/** Left-aligned columns two spaces apart, for listings read by people and by awk. */
final class Table {
  private Table() {}

  static void print(List<List<String>> rows, PrintStream out) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == columns - 1 ? row.get(c) : pad(row.get(c), widths[c] + 2));
      }
      out.println(line);
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
