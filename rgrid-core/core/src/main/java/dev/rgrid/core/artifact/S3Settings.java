package dev.rgrid.core.artifact;

import dev.rgrid.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an S3 artifact store is and how to sign in to it; immutable, checked when built. TLS is on
 * when the endpoint's scheme is {@code https}.
 */
public final class S3Settings {
    public static final String DEFAULT_BUCKET = "rgrid";
    public static final String DEFAULT_REGION = "us-east-1";
    /** Unknown-size uploads go up in parts of this size; memory per upload stays near one part. */
    public static final long DEFAULT_PART_SIZE_BYTES = 16L * 1024 * 1024;
    public static final long MIN_PART_SIZE_BYTES = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE_BYTES = 5L * 1024 * 1024 * 1024;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;
    private final String region;
    private final long partSizeBytes;

    private S3Settings(Builder b) {
        this.endpoint = checkEndpoint(b.endpoint);
        this.accessKey = required(b.accessKey, "access key", "RGRID_S3_ACCESS_KEY", "rgrid-access");
        this.secretKey = required(b.secretKey, "secret key", "RGRID_S3_SECRET_KEY", "a long random string");
        this.bucket = check(b.bucket, BUCKET, "bucket", "RGRID_S3_BUCKET",
                DEFAULT_BUCKET + " (3 to 63 lower-case letters, digits, dots or hyphens)");
        this.region = check(b.region, REGION, "region", "RGRID_S3_REGION", DEFAULT_REGION);
        if (b.partSizeBytes < MIN_PART_SIZE_BYTES || b.partSizeBytes > MAX_PART_SIZE_BYTES) {
            throw invalid("part size", Long.toString(b.partSizeBytes), "part_size",
                    "between 5 MiB and 5 GiB, like " + DEFAULT_PART_SIZE_BYTES);
        }
        this.partSizeBytes = b.partSizeBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() { return endpoint; }
    public String accessKey() { return accessKey; }
    public String secretKey() { return secretKey; }
    public String bucket() { return bucket; }
    public String region() { return region; }
    public long partSizeBytes() { return partSizeBytes; }
    public boolean secure() { return "https".equals(endpoint.getScheme()); }

    /** Everything but the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", partSizeBytes=" + partSizeBytes + "]";
    }

    private static URI checkEndpoint(String text) {
        String example = "https://minio.example.com:9000";
        if (text == null || text.isBlank()) throw invalid("endpoint", text, "RGRID_S3_ENDPOINT", example);
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !noPath
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw invalid("endpoint", text, "RGRID_S3_ENDPOINT", example + " (http or https, host and port, no path)");
            }
            return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw invalid("endpoint", text, "RGRID_S3_ENDPOINT", example);
        }
    }

    private static String required(String value, String name, String setting, String example) {
        if (value == null || value.isBlank()) throw invalid(name, value, setting, example);
        return value.trim();
    }

    private static String check(String value, Pattern pattern, String name, String setting, String example) {
        if (value == null || !pattern.matcher(value.trim()).matches()) throw invalid(name, value, setting, example);
        return value.trim();
    }

    private static InvalidInputException invalid(String name, String value, String setting, String example) {
        return new InvalidInputException("invalid_s3_setting", "The S3 " + name + " is missing or not valid",
                value, "Set " + setting + ", for example " + example);
    }

    /** Starts from the defaults; endpoint, access key and secret key have none. */
    public static final class Builder {
        private String endpoint;
        private String accessKey;
        private String secretKey;
        private String bucket = DEFAULT_BUCKET;
        private String region = DEFAULT_REGION;
        private long partSizeBytes = DEFAULT_PART_SIZE_BYTES;

        private Builder() {}

        public Builder endpoint(String endpoint) { this.endpoint = endpoint; return this; }
        public Builder endpoint(URI endpoint) { return endpoint(Objects.toString(endpoint, null)); }
        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }
        public Builder bucket(String bucket) { this.bucket = bucket; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder partSizeBytes(long partSizeBytes) { this.partSizeBytes = partSizeBytes; return this; }

        /** Checks every setting; an {@link InvalidInputException} names the first bad one and an example. */
        public S3Settings build() { return new S3Settings(this); }
    }
}
