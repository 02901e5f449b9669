package org.dndguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a baseline and the variants it is compared with in alternating rounds. A round is a number
 * of turns; in each turn every variant does one unit of work (a process instance, a batch of
 * concurrent requests), in an order that rotates and turns around from turn to turn. So a drift of
 * the machine (JIT, growing tables, another process taking a core for a while) falls on all
 * variants alike, which on a shared machine matters more than anything else. The first rounds
 * warm up and are not measured.
 */
final class AlternatingRounds {

  /** One unit of a variant's work; it returns how many things (instances, requests) it did. */
  @FunctionalInterface
  interface Unit {
    int run() throws Exception;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, Unit> variants = new LinkedHashMap<>();
  private final Map<String, double[]> cpuPerThing = new LinkedHashMap<>();

  AlternatingRounds add(String name, Unit unit) {
    variants.put(name, unit);
    return this;
  }

  /**
   * Runs the rounds and returns, per variant, the things per second of each measured round, in
   * round order, so that round i of one variant pairs with round i of another.
   */
  Map<String, double[]> run(int warmUpRounds, int rounds, int turnsPerRound) throws Exception {
    Map<String, double[]> rates = new LinkedHashMap<>();
    variants.keySet().forEach(name -> rates.put(name, new double[rounds]));
    variants.keySet().forEach(name -> cpuPerThing.put(name, new double[rounds]));
    int turn = 0;
    for (int round = -warmUpRounds; round < rounds; round++) {
      // per variant: wall-clock nanoseconds, this thread's CPU nanoseconds, things done
      Map<String, long[]> done = new LinkedHashMap<>();
      variants.keySet().forEach(name -> done.put(name, new long[3]));
      for (int i = 0; i < turnsPerRound; i++, turn++) {
        for (String name : order(turn)) {
          long cpu = THREADS.getCurrentThreadCpuTime();
          long start = System.nanoTime();
          int things = variants.get(name).run();
          long[] sum = done.get(name);
          sum[0] += System.nanoTime() - start;
          sum[1] += THREADS.getCurrentThreadCpuTime() - cpu;
          sum[2] += things;
        }
      }
      if (round >= 0) {
        for (String name : variants.keySet()) {
          long[] sum = done.get(name);
          rates.get(name)[round] = sum[2] / (sum[0] / 1e9);
          cpuPerThing.get(name)[round] = sum[1] / 1e3 / sum[2];
        }
      }
    }
    return rates;
  }

  /**
   * Per variant and measured round, the microseconds of CPU that the calling thread spent per
   * thing: unlike the wall clock, it does not count the time the thread waited for a core, so it
   * shows the cost of work done on this thread (all of it with an in-memory H2) without the noise
   * of a shared machine. Filled by {@link #run}.
   */
  Map<String, double[]> cpuMicrosPerThing() {
    return cpuPerThing;
  }

  private List<String> order(int turn) {
    return order(List.copyOf(variants.keySet()), turn);
  }

  /**
   * Turn i's order: the variants rotated by i, and reversed in every other cycle of rotations; for
   * benchmarks whose turns have more to them than one timed unit.
   */
  static <T> List<T> order(List<T> variants, int turn) {
    List<T> order = new ArrayList<>(variants);
    Collections.rotate(order, turn % order.size());
    if ((turn / order.size()) % 2 == 1) {
      Collections.reverse(order);
    }
    return order;
  }

  /** The round-by-round ratio of a variant to the baseline. */
  static double[] ratios(double[] measured, double[] baseline) {
    double[] ratios = new double[measured.length];
    for (int i = 0; i < measured.length; i++) {
      ratios[i] = measured[i] / baseline[i];
    }
    return ratios;
  }
}
