package dev.rgrid.cli.command;

import dev.rgrid.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The script to run, read from disk; refused with the absolute path tried when it is not a readable file. */
record ScriptFile(String name, byte[] content) {

    static ScriptFile read(Path workingDir, String given) {
        Path path = workingDir.resolve(given).toAbsolutePath().normalize();
        String value = given + (given.equals(path.toString()) ? "" : " (looked for " + path + ")");
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("script_is_directory", "The script path is a directory, not a file", value,
                    "Name the script file itself, for example " + given.replaceAll("/+$", "") + "/main.py");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException("script_not_found", "Script file not found", value,
                    "Check the file name and the current directory (" + workingDir
                            + "); give the path relative to it, or an absolute path");
        }
        try {
            return new ScriptFile(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new InvalidInputException("script_unreadable", "The script file cannot be read", value,
                    "Check its permissions (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }
}
