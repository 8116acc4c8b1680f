package dev.rgrid.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import org.junit.jupiter.api.Test;

/** The limits a run asks for hold inside the container: memory, CPU and processes. */
class DockerExecutorLimitsTest extends DockerScenario {

    @Test
    void memory_hog_is_killed_with_clear_reason() {
        Ran ran = runPython("""
                chunks = []
                while True:
                    chunks.append(b'x' * (50 * 1024 * 1024))
                    print(f'allocated {len(chunks) * 50} MB')
                """, LIMITS.withMemoryMb(128));

        assertEquals(new Outcome(ExecutionStatus.OOM_KILLED,
                "Killed for exceeding its memory limit of 128 MB", 137), ran.outcome());
        assertTrue(ran.sink().stdout().contains("allocated 50 MB"), "output before the kill is kept");
        awaitRemoved(ran.executionId());
    }

    /**
     * The share of a core a busy loop gets is what users notice; the engine's throttling counters say
     * whether the quota caused it, which a loaded host alone cannot fake.
     */
    @Test
    void half_a_cpu_is_enforced_and_a_whole_one_is_not_throttled() {
        CpuUse half = busyLoop(0.5);
        CpuUse whole = busyLoop(1.0);

        assertTrue(half.share() <= 0.65, "with cpus 0.5 the busy loop got " + half);
        assertTrue(half.throttled() > 10, "with cpus 0.5 the quota throttled it: " + half);
        // Not the throttle count: a quota of exactly one CPU still throttles one busy thread now and then (CFS
        // accounting slack; 11 times in 3 s seen in CI), while its share stays near a whole CPU.
        assertTrue(whole.share() >= 0.85, "with cpus 1.0 one thread runs nearly unthrottled: " + whole);
        assertTrue(whole.share() >= half.share() + 0.1, "cpus 1.0 gives clearly more than 0.5: " + whole + " vs " + half);
    }

    record CpuUse(double share, int throttled) {}

    private CpuUse busyLoop(double cpus) {
        Ran ran = runPython("""
                import os, time
                def throttled():
                    for path in ('/sys/fs/cgroup/cpu/cpu.stat', '/sys/fs/cgroup/cpu.stat'):
                        if os.path.exists(path):
                            return int(dict(line.split() for line in open(path))['nr_throttled'])
                    return -1
                before = throttled()
                wall, cpu = time.monotonic(), time.process_time()
                while time.monotonic() - wall < 3:
                    pass
                print(f'share={(time.process_time() - cpu) / (time.monotonic() - wall):.3f}')
                print(f'throttled={throttled() - before}')
                """, LIMITS.withCpus(cpus));
        assertEquals(Outcome.exited(0), ran.outcome(), ran.sink().all().toString());
        assertNotNull(ran.sink().value("share"), ran.sink().all().toString());
        return new CpuUse(Double.parseDouble(ran.sink().value("share")), Integer.parseInt(ran.sink().value("throttled")));
    }

    @Test
    void thread_bomb_is_stopped_by_the_pids_limit() {
        Ran ran = runPython("""
                import os, threading, time
                started = 0
                try:
                    while started < 1000:
                        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
                        started += 1
                except RuntimeError as e:
                    print(f'stopped={started}', flush=True)
                    os._exit(0)
                print(f'unstopped={started}', flush=True)
                os._exit(1)
                """, LIMITS.withPidsLimit(32));

        assertEquals(Outcome.exited(0), ran.outcome(), ran.sink().all().toString());
        assertTrue(Integer.parseInt(ran.sink().value("stopped")) < 32, ran.sink().stdout().toString());
    }
}
