/**
 * Extension points for Storm's sibling modules: the TLS hook that storm-ssl implements. Users
 * normally configure these through the modules' own option classes rather than implementing them.
 */
package io.stormsocket.core.spi;
