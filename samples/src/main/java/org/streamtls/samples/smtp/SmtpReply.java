package org.streamtls.samples.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.streamtls.samples.LineReader;

/**
 * One SMTP reply (RFC 5321 section 4.2): a three-digit code and one or more text lines
 * ("250-first", "250-second", "250 last").
 *
 * @param code the reply code, e.g. 250
 * @param lines the text of each line, without the code and separator
 */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** Whether any line is this keyword (case-insensitive), e.g. an EHLO extension "STARTTLS". */
    public boolean hasKeyword(String keyword) {
        return lines.stream().anyMatch(l -> l.split(" ", 2)[0].equalsIgnoreCase(keyword));
    }

    /**
     * Reads one reply; each raw line is also given to {@code echo}.
     *
     * @throws IOException if the connection ends or a line is not an SMTP reply line
     */
    static SmtpReply read(LineReader reader, Consumer<String> echo) throws IOException {
        List<String> text = new ArrayList<>();
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("the SMTP server closed the connection" + (text.isEmpty() ? "" : " inside a reply"));
            }
            echo.accept(line);
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("not an SMTP reply line: \"" + line + "\"");
            }
            text.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), text);
            }
        }
    }
}
