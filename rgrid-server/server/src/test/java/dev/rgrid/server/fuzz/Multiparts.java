package dev.rgrid.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Submissions ({@code POST /api/v1/executions}) for the fuzzer: a hostile spec and a script in multipart framing that
 * is right, or wrong in one of the ways parsers trip on — cut short, no closing boundary, another boundary than the
 * Content-Type names, parts missing or twice, bare LF line ends, garbage part headers.
 */
final class Multiparts {
    private Multiparts() {}

    enum Framing { RIGHT, CUT, NO_CLOSE, WRONG_BOUNDARY, NO_BOUNDARY_PARAM, SPEC_TWICE, NO_SCRIPT, NO_SPEC, LF_ONLY, BAD_PART_HEADERS }

    static Arbitrary<HostileRequests.Body> submissions() {
        Arbitrary<byte[]> scripts = Arbitraries.oneOf(Arbitraries.of("print(1)", "", "\u0000\u0001", "print('\u2603')")
                .map(s -> s.getBytes(StandardCharsets.UTF_8)), Arbitraries.bytes().array(byte[].class).ofMaxSize(256));
        Arbitrary<Framing> framing = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Framing.RIGHT)),
                Tuple.of(10, Arbitraries.of(Framing.class)));
        return Combinators.combine(Json.spec(), scripts, framing, Arbitraries.integers().between(0, 1000))
                .as(Multiparts::frame);
    }

    private static HostileRequests.Body frame(String spec, byte[] script, Framing framing, int cutAt) {
        String b = HostileRequests.boundary();
        String eol = framing == Framing.LF_ONLY ? "\n" : "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String partBoundary = framing == Framing.WRONG_BOUNDARY ? "other" : b;
        if (framing != Framing.NO_SPEC) {
            int times = framing == Framing.SPEC_TWICE ? 2 : 1;
            for (int i = 0; i < times; i++) {
                write(out, "--" + partBoundary + eol + (framing == Framing.BAD_PART_HEADERS ? "Content-Disposition: ;;name" + eol
                        + "\u0000: x" + eol : "Content-Disposition: form-data; name=\"spec\"" + eol) + eol + spec + eol);
            }
        }
        if (framing != Framing.NO_SCRIPT) {
            write(out, "--" + partBoundary + eol + "Content-Disposition: form-data; name=\"script\"; filename=\"job.py\"" + eol
                    + "Content-Type: application/octet-stream" + eol + eol);
            out.writeBytes(script);
            write(out, eol);
        }
        if (framing != Framing.NO_CLOSE) write(out, "--" + partBoundary + "--" + eol);
        byte[] body = out.toByteArray();
        if (framing == Framing.CUT) body = java.util.Arrays.copyOf(body, Math.min(body.length, cutAt));
        String type = framing == Framing.NO_BOUNDARY_PARAM ? "multipart/form-data" : "multipart/form-data; boundary=" + b;
        return new HostileRequests.Body(HostileRequests.line("Content-Type: " + type), body);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
