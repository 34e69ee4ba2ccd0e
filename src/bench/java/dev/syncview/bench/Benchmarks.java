package dev.syncview.bench;

/** Entry point of the benchmark suite (BENCHMARKS.md). */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) {
    System.out.println("no benchmark yet");
  }
}
