package org.streamtls.tls;

/**
 * The peers share no protocol version, cipher suite, key-exchange group or application protocol:
 * the handshake cannot proceed. {@link #parameter()} says which; the message names what each
 * side offered when it is known.
 */
public class NoCommonParametersException extends TlsException {

    /** What the peers could not agree on. */
    public enum Parameter {
        VERSION, CIPHER_SUITE, NAMED_GROUP, APPLICATION_PROTOCOL
    }

    private final Parameter parameter;

    public NoCommonParametersException(String message, Parameter parameter, TlsAlert alert, Throwable cause) {
        super(message, alert, cause);
        this.parameter = parameter;
    }

    public Parameter parameter() {
        return parameter;
    }
}
