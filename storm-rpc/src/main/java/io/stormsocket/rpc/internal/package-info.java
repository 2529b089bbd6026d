/**
 * Storm RPC machinery: the envelope codec, the correlator, the dispatch engine and per-session
 * state. May change in any release; users never import it.
 */
package io.stormsocket.rpc.internal;
