package org.streamtls.samples.cli.internal;

import org.streamtls.tls.TlsVersion;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --tls 1.2|1.3}: the one TLS version to allow. */
public final class TlsVersionConverter implements ITypeConverter<TlsVersion> {

    @Override
    public TlsVersion convert(String value) {
        switch (value.trim()) {
            case "1.2":
            case "TLSv1.2":
                return TlsVersion.TLS_1_2;
            case "1.3":
            case "TLSv1.3":
                return TlsVersion.TLS_1_3;
            default:
                throw new TypeConversionException("expected 1.2 or 1.3 (TLS versions below 1.2 are not supported), was '"
                        + value + "'");
        }
    }
}
