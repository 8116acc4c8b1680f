package dev.rgrid.core.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server process of one data directory, as its {@code postmaster.pid} names it: the pid on the
 * first line, the data directory on the second, the port on the fourth. Found only when that pid is alive, is a
 * {@code postgres} program and serves this very directory, so a recycled pid is never taken for it.
 */
record Postmaster(ProcessHandle process, int port) {

    static Optional<Postmaster> of(Path dataDir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 4) return Optional.empty();
        Optional<ProcessHandle> process;
        int port;
        try {
            process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
            port = Integer.parseInt(lines.get(3).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return process.filter(p -> p.isAlive() && isPostgres(p) && sameDir(Path.of(lines.get(1).trim()), dataDir))
                .map(p -> new Postmaster(p, port));
    }

    /** Asks for a fast shutdown, as {@code pg_ctl stop -m fast} does: SIGINT ends the sessions and checkpoints. */
    void requestFastShutdown() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (kill.waitFor() != 0 && process.isAlive()) {
            throw new IOException("kill -INT " + process.pid() + " failed: " + said);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(false);
    }

    private static boolean sameDir(Path named, Path dataDir) {
        try {
            return Files.isSameFile(named, dataDir);
        } catch (IOException e) {
            return false;
        }
    }
}
