package org.streamtls.samples.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A password given on the command line the way OpenSSL's {@code -passin} takes one, so that it need
 * not appear in the process list: {@code env:NAME} (an environment variable), {@code file:PATH}
 * (the first line of a file), {@code pass:TEXT} (the text itself), or plain text.
 *
 * <p>{@link #toString()} never shows it; error messages name only its source.
 */
public final class Password {

    private final char[] chars;

    private Password(char[] chars) {
        this.chars = chars;
    }

    /** The password's characters (a copy). */
    public char[] chars() {
        return chars.clone();
    }

    /** The characters of a password that may be absent (null stays null). */
    public static char[] charsOf(Password password) {
        return password == null ? null : password.chars();
    }

    @Override
    public String toString() {
        return "Password[****]";
    }

    /** The picocli converter for password options. */
    public static final class Converter implements ITypeConverter<Password> {

        @Override
        public Password convert(String value) {
            if (value.startsWith("env:")) {
                String name = value.substring(4);
                String v = System.getenv(name);
                if (v == null) {
                    throw new TypeConversionException("environment variable " + name + " is not set");
                }
                return new Password(v.toCharArray());
            }
            if (value.startsWith("file:")) {
                Path file = Path.of(value.substring(5));
                try {
                    String content = Files.readString(file, StandardCharsets.UTF_8);
                    int eol = content.indexOf('\n');
                    String line = eol < 0 ? content : content.substring(0, eol);
                    return new Password(line.strip().toCharArray());
                } catch (IOException e) {
                    throw new TypeConversionException("cannot read the password file " + file + ": " + e.getMessage());
                }
            }
            if (value.startsWith("pass:")) {
                return new Password(value.substring(5).toCharArray());
            }
            return new Password(value.toCharArray());
        }
    }
}
