package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"x.csv", "data/x.csv", "a/b/c/d.bin", ".hidden", "..dots", "name with spaces.txt",
            "ünïcødé/файл.txt", "a..b"})
    void plain_relative_paths_are_accepted_as_they_are(String path) {
        assertEquals(path, RelativePaths.requireSafe(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a/..", "..", "a//b", "a/", "./a", "a/./b",
            "a\\b", "..\\x", "a\u0000b", "a\nb", "tab\there", "del\u007f"})
    void traversal_absolute_empty_and_control_character_paths_are_refused(String path) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RelativePaths.requireSafe(path));
        assertEquals("unsafe_path", e.code());
        assertTrue(e.hint().contains("data/x.csv"), e.hint());
    }

    @Test
    void a_refused_path_is_named_with_its_control_characters_visible() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RelativePaths.requireSafe("a\u0000b"));
        assertEquals("a\\u0000b", e.value());
        assertTrue(e.what().contains("control character"), e.what());
    }

    @Test
    void names_over_255_bytes_and_paths_over_4096_bytes_are_refused() {
        String name255 = "é".repeat(127) + "x"; // 255 bytes in UTF-8
        assertEquals(name255, RelativePaths.requireSafe(name255));
        assertThrows(InvalidInputException.class, () -> RelativePaths.requireSafe("é".repeat(128)));
        String longPath = ("d".repeat(200) + "/").repeat(20) + "f".repeat(75); // 4095 bytes
        assertEquals(4095, longPath.length());
        RelativePaths.requireSafe(longPath);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RelativePaths.requireSafe(longPath + "ff"));
        assertTrue(e.what().contains("4096"), e.what());
        assertTrue(e.value().length() < 400, "the value in the message is cut short");
    }

    @Test
    void resolving_under_a_root_stays_inside_it() {
        Path root = Path.of("/work");
        assertEquals(Path.of("/work/data/x.csv"), RelativePaths.resolveUnder(root, "data/x.csv"));
        assertEquals("data/x.csv", RelativePaths.relativize(root, root.resolve("data/x.csv")));
        assertThrows(InvalidInputException.class, () -> RelativePaths.resolveUnder(root, "../etc/passwd"));
    }
}
