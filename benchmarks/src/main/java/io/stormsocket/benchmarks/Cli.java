package io.stormsocket.benchmarks;

import java.time.Duration;

/** Command-line helpers shared by the commands of this jar. */
public final class Cli {
    private Cli() {
    }

    /**
     * Returns the value after option {@code args[i]}, or fails with the option's name.
     *
     * @param args the command's arguments
     * @param i the index of the option
     * @return the option's value
     * @throws IllegalArgumentException if the option is the last argument
     */
    public static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /**
     * Parses a number of seconds, fractions allowed ({@code 0.5}).
     *
     * @param value the number
     * @return the duration
     */
    public static Duration seconds(String value) {
        return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e9));
    }
}
