package org.streamtls.samples.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration: {@code 500ms}, {@code 5s}, {@code 2m}, a plain number of seconds
 * ({@code 5}), or ISO-8601 ({@code PT5S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()) * 60);
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new TypeConversionException("expected a duration such as 500ms, 5s, 2m or PT5S, was '" + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("expected a positive duration, was '" + value + "'");
        }
        return d;
    }
}
