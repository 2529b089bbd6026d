/**
 * Test helpers shared by every Storm module through storm-core's test jar: the leak check that
 * fails a test on any Netty leak report, and an {@link io.stormsocket.testing.EventRecorder} that
 * turns events into awaitable queues.
 */
package io.stormsocket.testing;
