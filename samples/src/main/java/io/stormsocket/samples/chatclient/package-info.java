/** The {@code tcp-chat-client} sample: a terminal client showing reconnect and the offline buffer. */
package io.stormsocket.samples.chatclient;
