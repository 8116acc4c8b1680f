package dev.rgrid.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.RGridException;
import org.junit.jupiter.api.Test;

/** This module's tests run on the thin SDK's class path alone, as an application that added only rgrid-sdk. */
class WithoutEngineTest {

    @Test
    void local_without_the_engine_names_the_artifact_to_add() {
        RGridException e = assertThrows(RGridException.class, RGrid::local);
        assertEquals("engine_missing", e.code());
        assertEquals("dev.rgrid:rgrid-engine", e.value());
        assertTrue(e.hint().contains("RGrid.connect"), e.hint());
    }

    @Test
    void no_engine_class_is_on_the_thin_class_path() {
        for (String engineSide : new String[] {"dev.rgrid.engine.Engine", "org.jdbi.v3.core.Jdbi", "io.ray.api.Ray",
                "com.github.dockerjava.api.DockerClient", "io.minio.MinioClient", "org.postgresql.Driver"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(engineSide), engineSide);
        }
    }
}
