/** The {@code ssl-echo} sample: a TLS echo server with a certificate made at start. */
package io.stormsocket.samples.sslecho;
