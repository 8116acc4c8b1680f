package dev.rgrid.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.StopSignal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Checked from inside: the script runs as nobody, cannot write the system, has no network and no privileges. */
class DockerExecutorHardeningTest extends DockerScenario {

    @Test
    void script_runs_as_nobody() {
        Ran ran = runPython("""
                import subprocess
                print('uid=' + subprocess.run(['id', '-u'], capture_output=True, text=True).stdout.strip())
                print('gid=' + subprocess.run(['id', '-g'], capture_output=True, text=True).stdout.strip())
                """);

        assertEquals("65534", ran.sink().value("uid"), ran.sink().all().toString());
        assertEquals("65534", ran.sink().value("gid"));
    }

    @Test
    void only_work_and_tmp_are_writable() throws Exception {
        Ran ran = runPython("""
                def attempt(path):
                    try:
                        with open(path, 'w') as f:
                            f.write('x')
                        return 'written'
                    except OSError as e:
                        return e.strerror
                for key, path in (('etc', '/etc/rgrid-probe'), ('usr', '/usr/rgrid-probe'),
                                  ('work', '/work/output.txt'), ('tmp', '/tmp/scratch.txt')):
                    print(f'{key}={attempt(path)}')
                """);

        assertEquals("Read-only file system", ran.sink().value("etc"), ran.sink().all().toString());
        assertEquals("Read-only file system", ran.sink().value("usr"));
        assertEquals("written", ran.sink().value("work"));
        assertEquals("written", ran.sink().value("tmp"));
        assertEquals("x", Files.readString(workDir.resolve("output.txt")), "what /work holds is the host's work directory");
    }

    @Test
    void there_is_no_network_unless_asked() {
        String probe = """
                import socket
                interfaces = [line.split(':')[0].strip() for line in open('/proc/net/dev').readlines()[2:]]
                print('interfaces=' + ','.join(sorted(interfaces)))
                try:
                    socket.create_connection(('192.0.2.1', 80), timeout=2)
                    print('connect=connected')
                except OSError as e:
                    print(f'connect={e.strerror or e}')
                """;

        Ran isolated = runPython(probe);
        Ran networked = runPython(probe, LIMITS, true, new StopSignal());

        assertEquals("lo", isolated.sink().value("interfaces"), isolated.sink().all().toString());
        assertEquals("Network is unreachable", isolated.sink().value("connect"));
        assertTrue(networked.sink().value("interfaces").contains("eth0"), networked.sink().all().toString());
    }

    /** The DROP rule infra/setup.sh puts in Docker's DOCKER-USER chain, with its packet count. */
    private static long metadataDrops() throws Exception {
        Process p = new ProcessBuilder("iptables", "-L", "DOCKER-USER", "-v", "-n", "-x").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> l.contains("DROP") && l.contains("169.254.169.254")).findFirst()
                .map(l -> Long.parseLong(l.trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError("no DROP rule for 169.254.169.254 in DOCKER-USER (infra/setup.sh adds "
                        + "it):\n" + out));
    }

    @Test
    void a_networked_script_cannot_reach_the_cloud_metadata_address() throws Exception {
        long before = metadataDrops();

        Ran networked = runPython("""
                import socket
                try:
                    socket.create_connection(('169.254.169.254', 80), timeout=2)
                    print('metadata=reached')
                except OSError as e:
                    print(f'metadata={type(e).__name__}')
                """, LIMITS, true, new StopSignal());

        assertEquals("TimeoutError", networked.sink().value("metadata"), networked.sink().all().toString());
        assertTrue(metadataDrops() > before, "its packets were dropped by the rule, not lost elsewhere");
    }

    @Test
    void script_has_no_capabilities_and_cannot_gain_privileges() {
        Ran ran = runPython("""
                for line in open('/proc/self/status'):
                    key, _, value = line.partition(':')
                    if key in ('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs'):
                        print(f'{key}={value.strip()}')
                """);

        assertEquals(Outcome.exited(0), ran.outcome());
        assertEquals("0000000000000000", ran.sink().value("CapEff"), ran.sink().all().toString());
        assertEquals("0000000000000000", ran.sink().value("CapPrm"));
        assertEquals("0000000000000000", ran.sink().value("CapBnd"));
        assertEquals("1", ran.sink().value("NoNewPrivs"));
    }
}
