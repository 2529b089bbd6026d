package io.stormsocket.benchmarks.echo;

/** Command-line helpers shared by the commands. */
final class Cli {
    private Cli() {
    }

    /** Returns the value after option {@code args[i]}, or fails with the option's name. */
    static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        return args[i + 1];
    }
}
