package dev.rgrid.worker.deps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real package files built in memory: a pure-Python wheel (a zip) and an npm package (a gzipped tar). */
public final class TestPackages {
    private TestPackages() {}

    /** {@code name-version-py3-none-any.whl} holding module {@code name} with {@code source} as its __init__.py. */
    public static byte[] wheel(String name, String version, String source) {
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", source);
        files.put(distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        files.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: rgrid-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(content);
                zip.closeEntry();
                record.append(file.getKey()).append(",sha256=")
                        .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest("SHA-256", content)))
                        .append(',').append(content.length).append('\n');
            }
            record.append(distInfo).append("RECORD,,\n");
            zip.putNextEntry(new ZipEntry(distInfo + "RECORD"));
            zip.write(record.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An npm tarball: {@code package/package.json} and {@code package/index.js} with {@code source}. */
    public static byte[] npmPackage(String name, String version, String source) {
        String json = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"main\":\"index.js\"}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            tarEntry(gzip, "package/package.json", json.getBytes(StandardCharsets.UTF_8));
            tarEntry(gzip, "package/index.js", source.getBytes(StandardCharsets.UTF_8));
            gzip.write(new byte[1024]); // two empty blocks end the archive
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** npm's integrity string for a tarball. */
    public static String integrity(byte[] tarball) {
        return "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tarball));
    }

    private static void tarEntry(GZIPOutputStream out, String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0L));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        long sum = 0;
        for (byte b : header) sum += b & 0xff;
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
        out.write(content);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
