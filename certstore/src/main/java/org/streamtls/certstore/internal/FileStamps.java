package org.streamtls.certstore.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Change stamps of files and folders: modification time and size, or "missing". */
public final class FileStamps {

    private FileStamps() {
    }

    public static Object of(List<Path> files) {
        List<String> parts = new ArrayList<>();
        for (Path f : files) {
            parts.add(one(f));
        }
        return parts;
    }

    public static Object ofFolder(Path folder) {
        TreeMap<String, String> entries = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path f : dir) {
                entries.put(f.getFileName().toString(), one(f));
            }
        } catch (IOException e) {
            return "unreadable folder: " + e.getClass().getSimpleName();
        }
        return entries;
    }

    private static String one(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return f + "|" + a.lastModifiedTime().toMillis() + "|" + a.lastModifiedTime() + "|" + a.size()
                    + "|" + a.fileKey();
        } catch (IOException e) {
            return f + "|missing";
        }
    }
}
