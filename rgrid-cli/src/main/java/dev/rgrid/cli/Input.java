package dev.rgrid.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * What a command reads from its user (`rgrid init` asks for what its flags did not give). On a terminal a
 * secret is read without echo; otherwise lines come from standard input, or from a string in tests.
 */
public final class Input {
    private final BufferedReader reader;
    private final Console console;

    private Input(BufferedReader reader, Console console) {
        this.reader = reader;
        this.console = console;
    }

    /** Standard input, and the terminal when there is one. */
    public static Input system() {
        return new Input(new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), System.console());
    }

    /** These lines, as if typed. */
    public static Input of(String text) {
        return new Input(new BufferedReader(new StringReader(text)), null);
    }

    /** Nothing to read: every question is answered by the end of input. */
    public static Input none() {
        return of("");
    }

    /** Asks {@code question} on {@code prompt}; the answer trimmed, or null at the end of input. */
    public String ask(PrintWriter prompt, String question, boolean secret) {
        if (console != null) {
            if (secret) {
                char[] typed = console.readPassword("%s", question);
                return typed == null ? null : new String(typed).trim();
            }
            String line = console.readLine("%s", question);
            return line == null ? null : line.trim();
        }
        prompt.print(question);
        prompt.flush();
        try {
            String line = reader.readLine();
            return line == null ? null : line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
