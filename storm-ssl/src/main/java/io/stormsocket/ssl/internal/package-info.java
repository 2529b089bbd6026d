/**
 * The machinery behind {@link io.stormsocket.ssl}: reading PEM, PKCS#12 and KeyStore material,
 * building Netty {@link io.netty.handler.ssl.SslContext}s for the chosen provider, the reloadable
 * server contexts with SNI, and file watching. Users never import this package; it may change in
 * any release.
 */
package io.stormsocket.ssl.internal;
