package dev.rgrid.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.RunShape;
import dev.rgrid.worker.files.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers started ahead, at most one per run shape, so that a run does not wait for its container to be
 * created and started (two thirds of a short run's time here; see the README's benchmark section). Each is made as
 * a run's own container is ({@link HardenedContainer}), with an empty work directory of its own, and waits in a
 * shell reading its stdin. A run of that shape takes it with its directory ({@link #workDir}); its environment and
 * command then arrive on stdin and the command replaces the shell, so the script is PID 1 as in a container made for
 * it. Each is used once: it ends with its run and is removed like any other.
 *
 * <p>Several workers may share one Docker engine and sweep its leftovers. A taken container is renamed for its
 * execution and lease, so their sweeps treat it as any run's container ({@link #sweepKeeps}); one still waiting is
 * kept by its own pool, and by others while its maker runs ({@link Owner}, on the same machine) or, where that cannot
 * be told, while it is younger than any pool keeps one waiting.
 */
final class WarmPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);
    static final String LABEL_WARM = "rgrid.warm";
    public static final int DEFAULT_SHAPES = 4;
    /** How long one waits untaken before it is removed; a pool never hands one within a minute of this. */
    static final Duration IDLE_MAX = Duration.ofMinutes(10);
    private static final Duration TAKE_MARGIN = Duration.ofMinutes(1);
    /** Another pool's waiting container is left alone until its own pool must have removed it. */
    private static final Duration FOREIGN_MARGIN = Duration.ofMinutes(2);
    private static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration CHECK_WAIT = Duration.ofSeconds(5);
    /** A taken container's name: {@code rgrid-run-<lease>-<execution id>}. */
    private static final Pattern TAKEN = Pattern.compile("/?rgrid-run-(\\d+)-(.+)");
    /** Execution ids that a container name carries as they are (RGrid's own: exec_...). */
    private static final Pattern NAMEABLE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** One started container waiting for a run of {@code shape}, seeing {@code workDir} as /work. */
    record Warm(String id, Path workDir, RunShape shape, Instant created) {}

    private final DockerClient client;
    private final Clock clock;
    private final int maxShapes;
    private final String poolId = UUID.randomUUID().toString().substring(0, 13);
    /** Images of RGrid's runtimes (no user image: its entrypoint and shell are unknown), checked once each. */
    private final Map<String, Boolean> images = new ConcurrentHashMap<>();
    private final ScheduledExecutorService maker;
    private final ExecutorService namer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rgrid-warm-names");
        t.setDaemon(true);
        return t;
    });
    // Guarded by this: waiting containers in least-recently-used order, those held for a run, shapes being made.
    private final LinkedHashMap<RunShape, Warm> idle = new LinkedHashMap<>(8, 0.75f, true);
    private final Map<Path, Warm> held = new HashMap<>();
    /** Whether each held container still runs, asked as it is held: it may have stopped while it waited. */
    private final Map<Path, CompletableFuture<Boolean>> checks = new HashMap<>();
    private final Set<RunShape> making = new HashSet<>();
    private boolean closed;

    WarmPool(DockerClient client, Clock clock, int maxShapes) {
        this.client = client;
        this.clock = clock;
        this.maxShapes = maxShapes;
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rgrid-warm-containers");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.maker = thread;
        if (maxShapes > 0) {
            maker.scheduleWithFixedDelay(this::expire, EXPIRY_CHECK.toMillis(), EXPIRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    String poolId() { return poolId; }

    /** Runs in {@code image} may take started containers: it serves one of RGrid's runtimes. */
    void allow(String image) {
        if (maxShapes > 0) images.putIfAbsent(image, Boolean.TRUE);
    }

    /**
     * The work directory of a container waiting for this shape, held for the run; else a fresh directory. Either
     * way one is then made ready for the next run of this shape.
     */
    Path workDir(Path scratch, String executionId, RunShape shape) throws IOException {
        if (shape == null || !Boolean.TRUE.equals(images.get(shape.target())) || !NAMEABLE.matcher(executionId).matches()) {
            return WorkDirs.fresh(scratch, executionId);
        }
        Warm warm;
        synchronized (this) {
            warm = idle.remove(shape);
            if (warm != null && !warm.created().plus(IDLE_MAX).minus(TAKE_MARGIN).isAfter(clock.instant())) {
                discardLater(warm);
                warm = null;
            }
            if (warm != null) {
                held.put(warm.workDir(), warm);
                String id = warm.id();
                checks.put(warm.workDir(), CompletableFuture.supplyAsync(() -> running(id), namer));
            }
        }
        fill(shape, scratch);
        return warm != null ? warm.workDir() : WorkDirs.fresh(scratch, executionId);
    }

    /**
     * The container held for this request's work directory, renamed for its execution (just after); null when none
     * was, or when the request no longer fits it (it gained mounts), and then the container goes.
     */
    Warm claim(RunRequest request) {
        Warm warm;
        CompletableFuture<Boolean> check;
        synchronized (this) {
            warm = held.remove(request.workDir());
            check = checks.remove(request.workDir());
        }
        if (warm == null) return null;
        if (!warm.shape().equals(RunShape.of(request)) || !stillRunning(warm, check)) {
            removeLater(warm);
            return null;
        }
        // Off the run's path (a docker call is 5-15 ms here): until it is renamed, its age keeps it from other sweeps.
        String name = takenName(request);
        namer.execute(() -> rename(warm, name));
        return warm;
    }

    /** Done by the time the run comes, as a rule: it was asked while the run's inputs were staged. */
    private static boolean stillRunning(Warm warm, CompletableFuture<Boolean> check) {
        try {
            return check != null && check.get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.info("Could not tell whether container {} still runs: {}", warm.id(), e.getMessage());
            return false;
        }
    }

    private boolean running(String id) {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void rename(Warm warm, String name) {
        try {
            client.renameContainerCmd(warm.id()).withName(name).exec();
        } catch (NotFoundException e) {
            // Its run has ended and removed it already.
        } catch (RuntimeException e) {
            log.warn("Container {} could not be renamed {}: other workers' sweeps may take it for a waiting one after {} min ({})",
                    warm.id(), name, IDLE_MAX.plus(FOREIGN_MARGIN).toMinutes(), DockerErrors.firstLine(e));
        }
    }

    static String takenName(RunRequest request) {
        return "rgrid-run-" + request.leaseVersion() + "-" + request.executionId();
    }

    /** The run this directory was held for will not take its container (it failed before, or ended): it goes. */
    void release(Path workDir) {
        Warm warm;
        synchronized (this) {
            warm = held.remove(workDir);
            checks.remove(workDir);
        }
        if (warm != null) removeLater(warm);
    }

    /**
     * Whether a sweep keeps this container of some pool: a taken one while its attempt owns it, a waiting one while
     * its pool may still hand it out.
     */
    boolean sweepKeeps(Container container, BiPredicate<String, Long> current) {
        String name = container.getNames() == null || container.getNames().length == 0 ? "" : container.getNames()[0];
        Matcher taken = TAKEN.matcher(name);
        if (taken.matches()) return current.test(taken.group(2), Long.parseLong(taken.group(1)));
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        if (poolId.equals(labels.get(LABEL_WARM))) return true;
        if (Owner.parse(labels.get(Owner.LABEL)).map(Owner::goneHere).orElse(false)) return false;
        Instant created = Instant.ofEpochSecond(container.getCreated() == null ? 0 : container.getCreated());
        return created.plus(IDLE_MAX).plus(FOREIGN_MARGIN).isAfter(clock.instant());
    }

    private void fill(RunShape shape, Path scratch) {
        synchronized (this) {
            if (closed || idle.containsKey(shape) || !making.add(shape)) return;
        }
        maker.execute(() -> make(shape, scratch));
    }

    private void make(RunShape shape, Path scratch) {
        Warm made = null;
        Path dir = null;
        try {
            if (!usable(shape.target())) return;
            dir = Files.createTempDirectory(Files.createDirectories(scratch), "warm-");
            WorkDirAccess.grant(dir);
            String id = HardenedContainer.configureWarm(client.createContainerCmd(shape.target()), shape, dir, poolId)
                    .exec().getId();
            made = new Warm(id, dir, shape, clock.instant());
            client.startContainerCmd(id).exec();
        } catch (IOException | RuntimeException e) {
            log.info("No container made ahead for {}: {}", shape, e instanceof IOException ? e.getMessage() : DockerErrors.firstLine(e));
            if (made != null) {
                // Its image could not start a shell: its runs get their own containers from now on.
                images.put(shape.target(), Boolean.FALSE);
                discardLater(made);
            } else if (dir != null) {
                WorkDirs.deleteQuietly(dir);
            }
            made = null;
        } finally {
            List<Warm> surplus = new ArrayList<>();
            synchronized (this) {
                making.remove(shape);
                if (made != null) {
                    if (closed) {
                        surplus.add(made);
                    } else {
                        idle.put(shape, made);
                        while (idle.size() > maxShapes) {
                            RunShape eldest = idle.keySet().iterator().next();
                            surplus.add(idle.remove(eldest));
                        }
                    }
                }
            }
            surplus.forEach(this::discardLater);
        }
    }

    /** An image without an entrypoint of its own (which the shell would bypass), asked of the engine once. */
    private boolean usable(String image) {
        Boolean known = images.get(image);
        if (known == null || !known) return false;
        List<String> entrypoint = List.of();
        try {
            String[] given = client.inspectImageCmd(image).exec().getConfig().getEntrypoint();
            if (given != null) entrypoint = List.of(given);
        } catch (NotFoundException e) {
            return false;
        }
        if (entrypoint.isEmpty()) return true;
        images.put(image, Boolean.FALSE);
        return false;
    }

    private void expire() {
        List<Warm> old = new ArrayList<>();
        synchronized (this) {
            Instant limit = clock.instant().minus(IDLE_MAX);
            idle.values().removeIf(w -> {
                boolean expired = !w.created().isAfter(limit);
                if (expired) old.add(w);
                return expired;
            });
        }
        old.forEach(this::discardLater);
    }

    /** A waiting container goes with its directory. */
    private void discardLater(Warm warm) {
        Removals.later(() -> {
            remove(warm);
            WorkDirs.deleteQuietly(warm.workDir());
        });
    }

    /** A container held for a run goes; its directory is the run's now, which deletes it. */
    private void removeLater(Warm warm) {
        Removals.later(() -> remove(warm));
    }

    private void remove(Warm warm) {
        try {
            client.removeContainerCmd(warm.id()).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Gone already.
        } catch (RuntimeException e) {
            log.warn("Could not remove container {} made ahead; it is removed as a leftover later: {}", warm.id(),
                    DockerErrors.firstLine(e));
        }
    }


    /** Removes what waits or is held (not what a run has taken: its run removes it); nothing is made after. */
    @Override
    public void close() {
        List<Warm> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(idle.values());
            held.values().forEach(this::removeLater);
            idle.clear();
            held.clear();
            checks.clear();
        }
        maker.shutdownNow();
        namer.shutdown();
        try {
            // One being made now is removed by its maker on seeing the pool closed: before the engine connection goes.
            maker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        left.forEach(this::discardLater);
    }
}
