/**
 * Implementation of the transport: not API, may change without notice. Use the types in
 * {@link org.streamtls.transport}.
 */
package org.streamtls.transport.internal;
