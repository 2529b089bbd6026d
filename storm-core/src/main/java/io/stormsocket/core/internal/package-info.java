/**
 * Storm's machinery: pipeline assembly, session dispatch, codec adapters, transports. May change in
 * any release; users never import it. Sibling modules use it only through
 * {@link io.stormsocket.core.spi}.
 */
package io.stormsocket.core.internal;
