package io.callready.agent.config;

import java.util.Locale;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File errors in words: the JDK's messages are often just the path. */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileAlreadyExistsException x -> "a file is in the way";
            case NotDirectoryException x -> "not a directory";
            case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(Locale.ROOT);
            case FileSystemException x -> "cannot be created or used";
            default -> String.valueOf(e.getMessage());
        };
    }
}
