package org.powchain.bench;

import java.io.PrintStream;

/**
 * What sends {@link HttpBenchmark}'s requests. A path template holds one {@code %d}, replaced by
 * the request's index modulo {@link HttpBenchmark#ACCOUNTS}, so successive requests name successive
 * demo accounts.
 */
public interface LoadGenerator {
    /** One measurement: how many requests completed, in how long, and how many were not answered 200. */
    record Result(long requests, double seconds, long notOk, String how) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** Short name for the ratio line, e.g. "JDK client". */
    String name();

    /** One line for the top of the output: the generator and its settings. */
    String describe();

    /** Whether the generator shares this JVM (and its CPU budget) with the node. */
    boolean inThisJvm();

    /** How many times to call {@link #warmUp} on each route; the mempool is emptied between rounds. */
    int warmUpRounds();

    void warmUp(String baseUrl, String pathTemplate, PrintStream log) throws Exception;

    Result measure(String baseUrl, String pathTemplate, PrintStream log) throws Exception;
}
