package dev.saga.testbed;

import java.util.Map;

/**
 * Read access to every service's tables in the system's database, schema-qualified; each harness brings its
 * own connection (a pooled template in the system tests, one short connection per query in the chaos runner).
 */
public interface Tables {

    /** The single number the query returns; 0 when it returns nothing. */
    long count(String sql);

    /** The first column as the key, the second as a number. */
    Map<String, Long> totals(String sql);
}
