/** Implementation of the command line: option converters, shared option groups, per-connection serving. Not an API. */
package org.streamtls.samples.cli.internal;
