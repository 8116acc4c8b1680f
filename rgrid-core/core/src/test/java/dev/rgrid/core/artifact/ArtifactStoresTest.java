package dev.rgrid.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.artifact.internal.LocalArtifactStore;
import dev.rgrid.core.artifact.internal.S3ArtifactStore;
import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.testing.TestS3Server;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoresTest {
    @TempDir
    Path home;

    @Test
    void without_an_s3_endpoint_artifacts_stay_in_a_directory_under_the_rgrid_home() {
        ArtifactStore store = ArtifactStores.open(ConfigSources.of(Map.of("RGRID_HOME", home.toString()), Map.of()));

        assertInstanceOf(LocalArtifactStore.class, store);
        assertEquals("directory " + home.resolve("artifacts"), store.description());
    }

    @Test
    void with_an_s3_endpoint_artifacts_go_to_that_bucket(@TempDir Path blobs) throws Exception {
        try (TestS3Server server = TestS3Server.start(blobs)) {
            ConfigSources sources = ConfigSources.of(Map.of("RGRID_HOME", home.toString(),
                    "RGRID_S3_ENDPOINT", server.endpoint().toString(),
                    "RGRID_S3_ACCESS_KEY", TestS3Server.ACCESS_KEY),
                    Map.of("s3_secret_key", TestS3Server.SECRET_KEY, "s3_bucket", "from-file"));

            try (S3ArtifactStore store = (S3ArtifactStore) ArtifactStores.open(sources)) {
                assertEquals("s3://from-file at " + server.endpoint(), store.description());
                assertTrue(store.isReachable());
            }
        }
    }

    @Test
    void an_s3_endpoint_without_a_secret_key_is_refused_naming_the_setting() {
        ConfigSources sources = ConfigSources.of(Map.of("RGRID_S3_ENDPOINT", "https://minio.example.com:9000",
                "RGRID_S3_ACCESS_KEY", "someone"), Map.of());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArtifactStores.s3Settings(sources));

        assertEquals("invalid_s3_setting", e.code());
        assertTrue(e.hint().contains("RGRID_S3_SECRET_KEY"), e.getMessage());
    }

    @Test
    void settings_default_the_bucket_and_region_and_take_tls_from_the_scheme() {
        S3Settings settings = S3Settings.builder().endpoint("https://minio.example.com:9000").credentials("a", "s").build();

        assertEquals(S3Settings.DEFAULT_BUCKET, settings.bucket());
        assertEquals(S3Settings.DEFAULT_REGION, settings.region());
        assertTrue(settings.secure());
        assertTrue(!settings.toString().contains("s]") && !settings.toString().contains("secret"), settings.toString());
    }

    @Test
    void a_bad_endpoint_or_bucket_is_refused_with_an_example() {
        for (String endpoint : new String[] {"minio:9000", "ftp://minio:21", "https://minio:9000/some/path", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> S3Settings.builder().endpoint(endpoint).credentials("a", "s").build(), endpoint);
            assertTrue(e.hint().contains("RGRID_S3_ENDPOINT") && e.hint().contains("https://minio.example.com:9000"), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                S3Settings.builder().endpoint("http://localhost:9000").credentials("a", "s").bucket("Not_A_Bucket").build());
        assertTrue(e.hint().contains("RGRID_S3_BUCKET"), e.getMessage());
    }
}
