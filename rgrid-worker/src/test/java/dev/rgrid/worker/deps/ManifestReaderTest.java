package dev.rgrid.worker.deps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a manifest is keyed by, and which manifests are refused before anything runs. */
class ManifestReaderTest {
    @TempDir
    Path work;

    private static String pip(String text) {
        return new String(ManifestReader.normalisePip("requirements.txt", text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Test
    void pip_requirements_are_trimmed_sorted_and_stripped_of_comments_and_blanks() {
        assertEquals("numpy==1.26.4\npandas[excel]>=2\nrequests\n",
                pip("# data\r\n  requests  \n\npandas[excel]>=2   # tables\nnumpy==1.26.4\n"));
        assertEquals(pip("a\nb\n"), pip("b\n# x\na"));
        assertEquals("pkg==1.0 ; python_version >= \"3.8\"\n", pip("pkg==1.0 \\\n; python_version >= \"3.8\""));
        assertEquals("", pip("# nothing\n\n"));
    }

    @Test
    void requirements_pip_understands_are_accepted() {
        pip("""
                requests>=2.31,<3
                Flask_Login~=0.6
                torch @ https://download.example.com/torch-2.0.whl
                https://example.com/pkg-1.0-py3-none-any.whl
                --extra-index-url https://pypi.example.com/simple
                --pre
                pkg==1.0 --hash=sha256:abcd
                """);
    }

    @Test
    void lines_that_are_not_requirements_or_bring_in_other_files_are_refused_with_their_line() {
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> pip("requests\nnumpy = = 1\n"));
        assertEquals("invalid_requirement", bad.code());
        assertTrue(bad.what().startsWith("Line 2 of requirements.txt"), bad.what());
        assertEquals("numpy = = 1", bad.value());
        for (String line : new String[] {"-r other.txt", "-e .", "./local/pkg", "/abs/pkg.whl", "-c constraints.txt"}) {
            assertEquals("unsupported_requirement",
                    assertThrows(InvalidInputException.class, () -> pip(line)).code(), line);
        }
    }

    @Test
    void npm_manifests_are_keyed_by_package_json_and_its_lock_as_they_are() throws Exception {
        Files.writeString(work.resolve("package.json"), "{\"dependencies\":{}}");
        Manifest unlocked = ManifestReader.read(work, "package.json", DependencyKind.NPM);
        Files.writeString(work.resolve("package-lock.json"), "{\"lockfileVersion\":3}");
        Manifest locked = ManifestReader.read(work, "package.json", DependencyKind.NPM);

        assertFalse(unlocked.locked());
        assertTrue(locked.locked());
        assertNotEquals(Dependencies.key("sha256:img", unlocked), Dependencies.key("sha256:img", locked));
        assertNotEquals(Dependencies.key("sha256:img", locked), Dependencies.key("sha256:other", locked));
        assertArrayEquals(locked.keyMaterial(), ManifestReader.read(work, "package.json", DependencyKind.NPM).keyMaterial());
    }

    @Test
    void a_manifest_outside_the_work_directory_or_missing_is_refused() {
        assertEquals("requirements_not_found", assertThrows(InvalidInputException.class,
                () -> ManifestReader.read(work, "requirements.txt", DependencyKind.PIP)).code());
        assertEquals("requirements_not_found", assertThrows(InvalidInputException.class,
                () -> ManifestReader.read(work, "../requirements.txt", DependencyKind.PIP)).code());
    }

    @Test
    void the_manifest_must_suit_the_runtime() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.standard();
        assertEquals(DependencyKind.NPM, DependencyKind.of("app/package.json", catalogue.resolve("node20")));
        assertEquals(DependencyKind.PIP, DependencyKind.of("requirements.txt", catalogue.resolve("python3.11")));
        assertEquals("requirements_runtime_mismatch", assertThrows(InvalidInputException.class,
                () -> DependencyKind.of("requirements.txt", catalogue.resolve("node20"))).code());
    }
}
