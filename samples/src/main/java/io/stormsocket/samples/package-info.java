/**
 * Storm's runnable samples: {@link io.stormsocket.samples.Samples} starts one by name. Each
 * sample lives in its own package, short enough to read in one screen.
 */
package io.stormsocket.samples;
