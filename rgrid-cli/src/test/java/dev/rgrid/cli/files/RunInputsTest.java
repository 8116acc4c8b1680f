package dev.rgrid.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.InputFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which arguments become inputs, where each lands in the run, and what the script is then given. */
class RunInputsTest {
    @TempDir Path dir;
    final StringWriter notes = new StringWriter();

    private RunInputs resolve(List<String> args, List<String> extra) {
        return RunInputs.resolve(dir, dir.resolve("proj/main.py"), args, extra, new PrintWriter(notes, true));
    }

    private static Map<String, Path> placed(RunInputs inputs) {
        Map<String, Path> placed = new TreeMap<>();
        for (InputFile f : inputs.inputs()) placed.put(f.path(), f.source());
        return placed;
    }

    private Path write(String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
        return file;
    }

    @Test
    void files_under_the_script_keep_their_place_others_land_by_name_and_the_rest_pass_unchanged() throws IOException {
        write("proj/main.py");
        Path x = write("proj/data/x.csv");
        Path other = write("elsewhere/y.csv");
        Files.createDirectories(dir.resolve("somedir"));

        RunInputs r = resolve(List.of("proj/data/x.csv", other.toString(), "--epochs", "3", "somedir", "missing.csv"), List.of());

        assertEquals(List.of("data/x.csv", "y.csv", "--epochs", "3", "somedir", "missing.csv"), r.args());
        assertEquals(Map.of("data/x.csv", x, "y.csv", other), placed(r));
    }

    @Test
    void two_outside_files_with_one_name_are_refused_naming_both() throws IOException {
        write("proj/main.py");
        Path a = write("a/data.csv");
        Path b = write("b/data.csv");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(List.of("a/data.csv", "b/data.csv"), List.of()));

        assertEquals("duplicate_input", e.code());
        assertTrue(e.value().contains(a.toString()) && e.value().contains(b.toString()), e.value());
    }

    @Test
    void the_same_file_twice_is_sent_once_and_the_script_itself_not_at_all() throws IOException {
        write("proj/main.py");
        write("proj/x.csv");

        RunInputs r = resolve(List.of("proj/x.csv", "proj/main.py"), List.of("proj/x.csv"));

        assertEquals(List.of("x.csv", "main.py"), r.args());
        assertEquals(List.of("x.csv"), placed(r).keySet().stream().toList());
    }

    @Test
    void input_directories_add_nested_files_and_skip_links_with_a_note() throws IOException {
        write("proj/main.py");
        write("proj/conf/a.txt");
        write("proj/conf/deep/b.txt");
        write("lookup/c.txt");
        Files.createSymbolicLink(dir.resolve("proj/conf/link.txt"), dir.resolve("lookup/c.txt"));

        RunInputs r = resolve(List.of("arg"), List.of("proj/conf", "lookup/"));

        assertEquals(List.of("arg"), r.args());
        assertEquals(List.of("conf/a.txt", "conf/deep/b.txt", "lookup/c.txt"), placed(r).keySet().stream().toList());
        assertTrue(notes.toString().contains("link.txt: symbolic links are not followed"), notes::toString);
    }

    @Test
    void a_missing_input_is_refused_with_the_absolute_path_tried() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolve(List.of(), List.of("nope/data.csv")));

        assertEquals("input_not_found", e.code());
        assertEquals(dir.resolve("nope/data.csv").toString(), e.value());
    }

    private RunInputs withManifest(RunInputs.Manifest manifest) {
        return RunInputs.resolve(dir, dir.resolve("proj/main.py"), List.of(), List.of(), manifest, new PrintWriter(notes, true));
    }

    @Test
    void a_requirements_file_beside_the_script_goes_along_and_is_named() throws IOException {
        write("proj/main.py");
        Path req = write("proj/requirements.txt");

        RunInputs r = withManifest(new RunInputs.Manifest(null, true, false));

        assertEquals("requirements.txt", r.requirements());
        assertEquals(Map.of("requirements.txt", req), placed(r));
        assertEquals(null, withManifest(RunInputs.Manifest.NONE).requirements(), "--no-requirements sends nothing");
    }

    @Test
    void a_node_script_takes_its_package_json_and_lock() throws IOException {
        write("proj/main.py");
        Path pkg = write("proj/package.json");
        Path lock = write("proj/package-lock.json");
        write("proj/requirements.txt");

        RunInputs r = withManifest(new RunInputs.Manifest(null, true, true));

        assertEquals("package.json", r.requirements());
        assertEquals(Map.of("package.json", pkg, "package-lock.json", lock), placed(r));
    }

    @Test
    void a_given_requirements_file_lands_by_its_place_and_a_missing_one_is_refused() throws IOException {
        write("proj/main.py");
        Path dev = write("elsewhere/dev-requirements.txt");

        RunInputs r = withManifest(new RunInputs.Manifest("elsewhere/dev-requirements.txt", true, false));
        assertEquals("dev-requirements.txt", r.requirements());
        assertEquals(Map.of("dev-requirements.txt", dev), placed(r));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> withManifest(new RunInputs.Manifest("nope.txt", true, false)));
        assertEquals("requirements_not_found", e.code());
        assertEquals(dir.resolve("nope.txt").toString(), e.value());
    }

    @Test
    void without_a_manifest_beside_the_script_nothing_is_named() throws IOException {
        write("proj/main.py");
        assertEquals(null, withManifest(new RunInputs.Manifest(null, true, false)).requirements());
    }
}
