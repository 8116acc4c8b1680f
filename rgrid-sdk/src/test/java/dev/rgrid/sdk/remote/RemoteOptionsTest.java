package dev.rgrid.sdk.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rgrid.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteOptionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://rgrid.example.com:8080", "http://rgrid.example.com:8080/", " http://rgrid.example.com:8080/api/v1/ "})
    void the_url_is_the_servers_base_however_it_is_typed(String typed) {
        assertEquals("http://rgrid.example.com:8080", RemoteOptions.builder(typed, "rgk_x").build().url().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rgrid.example.com:8080", "ftp://rgrid.example.com", "http://", "http://host:80/?a=b", "http://ho st"})
    void a_url_that_is_not_http_is_refused_with_an_example(String typed) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RemoteOptions.builder(typed, "rgk_x").build());
        assertEquals("invalid_api_url", e.code());
        assertEquals(typed, e.value());
        assertEquals("Give the server's base URL, like http://rgrid.example.com:8080", e.hint());
    }

    @Test
    void a_missing_key_is_refused_saying_where_to_get_one() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RemoteOptions.builder("http://localhost:8080", " ").build());
        assertEquals("missing_api_key", e.code());
        assertEquals("http://localhost:8080", e.value());
    }

    @Test
    void retries_back_off_twice_as_long_each_time_up_to_the_maximum() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Duration.ofMillis(500), policy.backoff(1));
        assertEquals(Duration.ofMillis(1000), policy.backoff(2));
        assertEquals(Duration.ofMillis(2000), policy.backoff(3));
        assertEquals(Duration.ofSeconds(3), policy.backoff(4));
        assertEquals(Duration.ofSeconds(3), policy.backoff(30));
    }

    @Test
    void the_retry_notice_reads_as_the_cli_prints_it() {
        assertEquals("Connection lost. Retrying... (attempt 2/5)", new RetryNotice(2, 5, "http://x", "HTTP 503").message());
    }
}
