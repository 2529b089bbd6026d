/** The {@code tcp-echo} sample: an echo server in a dozen lines. */
package io.stormsocket.samples.tcpecho;
