package dev.rgrid.core.config;

import java.util.List;

/**
 * Every setting RGrid reads from the environment or the config file, with the names existing
 * deployments use as aliases. The first environment name is RGrid's own.
 */
public enum Setting {
    TIMEOUT("timeout", "300", "RGRID_TIMEOUT", "EXECUTION_TIMEOUT"),
    MEMORY("memory", "512m", "RGRID_MEMORY", "CONTAINER_MEMORY_LIMIT"),
    CPUS("cpus", "1.0", "RGRID_CPUS", "CONTAINER_CPU_LIMIT"),
    PIDS_LIMIT("pids_limit", "256", "RGRID_PIDS_LIMIT"),
    RUNTIME("runtime", "python3.11", "RGRID_RUNTIME"),
    DATABASE_URL("database_url", "jdbc:postgresql://db.example.com:5432/rgrid?user=rgrid&password=secret",
            "RGRID_DATABASE_URL", "DATABASE_URL"),
    DOCKER_HOST("docker_host", "unix:///var/run/docker.sock", "RGRID_DOCKER_HOST", "DOCKER_HOST"),
    HEARTBEAT_INTERVAL("heartbeat_interval", "10s", "RGRID_HEARTBEAT_INTERVAL"),
    SERVER_HOST("server_host", "0.0.0.0", "RGRID_SERVER_HOST"),
    SERVER_PORT("server_port", "8080", "RGRID_SERVER_PORT"),
    MAX_REQUEST_BYTES("max_request_bytes", "16m", "RGRID_MAX_REQUEST_BYTES"),
    DISPATCH("dispatch", "on", "RGRID_DISPATCH"),
    /**
     * How long a home's resident engine (what the CLI talks to when no server is configured) waits with nothing
     * queued, running or asked before it stops; the next command starts it again. Default 15m.
     */
    ENGINE_IDLE("engine_idle", "15m", "RGRID_ENGINE_IDLE"),
    /** The RGrid server the CLI uses; when unset it runs the embedded engine. */
    API_URL("api_url", "http://rgrid.example.com:8080", "RGRID_API_URL"),
    /** The API key the CLI sends to {@link #API_URL}. */
    API_KEY("api_key", "rgk_...", "RGRID_API_KEY"),
    /** The S3 server artifacts go to; when unset they stay in a directory under the RGrid home. */
    S3_ENDPOINT("s3_endpoint", "https://minio.example.com:9000", "RGRID_S3_ENDPOINT"),
    S3_ACCESS_KEY("s3_access_key", "rgrid-access", "RGRID_S3_ACCESS_KEY"),
    S3_SECRET_KEY("s3_secret_key", "a long random string", "RGRID_S3_SECRET_KEY"),
    /** Default "rgrid"; created when missing. */
    S3_BUCKET("s3_bucket", "rgrid", "RGRID_S3_BUCKET"),
    /** Default "us-east-1". */
    S3_REGION("s3_region", "us-east-1", "RGRID_S3_REGION"),
    /** The largest single input or output file; default 10g. */
    MAX_FILE_BYTES("max_file_bytes", "10g", "RGRID_MAX_FILE_BYTES"),
    /** The most input and output bytes one run may have in all; default 50g. */
    MAX_RUN_BYTES("max_run_bytes", "50g", "RGRID_MAX_RUN_BYTES"),
    /**
     * The most bytes a run may write to its working directory (beyond its script and inputs); past it the run is
     * stopped and fails, so one run cannot fill its node's disk. Default 10g.
     */
    MAX_WORKDIR_BYTES("max_workdir_bytes", "10g", "RGRID_MAX_WORKDIR_BYTES"),
    /** The most output files one run may leave; default 1000. */
    MAX_OUTPUTS("max_outputs", "1000", "RGRID_MAX_OUTPUTS"),
    /**
     * The most bytes of output one run keeps in the store, stdout and stderr together: the first part and the last part
     * are kept, the middle dropped and counted. Default 64m.
     */
    MAX_LOG_BYTES("max_log_bytes", "64m", "RGRID_MAX_LOG_BYTES"),
    /** The most bytes of installed dependencies kept per node; least recently used entries go first. Default 5g. */
    DEPS_CACHE_MAX_BYTES("deps_cache_max_bytes", "5g", "RGRID_DEPS_CACHE_MAX_BYTES"),
    /** The package index pip installs requirements from (pip's --index-url); when unset, the image's own pip settings. */
    PIP_INDEX_URL("pip_index_url", "https://pypi.org/simple", "RGRID_PIP_INDEX_URL"),
    /** More package indexes, separated by spaces (pip's --extra-index-url). */
    PIP_EXTRA_INDEX_URL("pip_extra_index_url", "https://pypi.example.com/simple", "RGRID_PIP_EXTRA_INDEX_URL"),
    /** Hosts pip may reach over plain HTTP, separated by spaces (pip's --trusted-host). */
    PIP_TRUSTED_HOST("pip_trusted_host", "pypi.example.com", "RGRID_PIP_TRUSTED_HOST"),
    /** The npm registry package.json dependencies come from (npm's --registry); when unset, npm's default. */
    NPM_REGISTRY("npm_registry", "https://registry.npmjs.org/", "RGRID_NPM_REGISTRY"),
    /**
     * The Ray cluster executions are dispatched to (the head's GCS address); when unset, Ray runs in local mode
     * inside this process.
     */
    RAY_ADDRESS("ray_address", "10.0.0.2:6380", "RGRID_RAY_ADDRESS"),
    /**
     * Where Ray's Java workers find RGrid's classes (jars or directories, separated by ':'); the same paths
     * must hold the same jars on every node. Default: this process's own classpath, without Ray's jars.
     */
    RAY_CODE_SEARCH_PATH("ray_code_search_path", "/opt/rgrid/lib", "RGRID_RAY_CODE_SEARCH_PATH"),
    /** Where a cluster node keeps its working directories and dependency cache. Default: a directory per node under the temp dir. */
    NODE_HOME("node_home", "/var/lib/rgrid", "RGRID_NODE_HOME");

    private final String fileKey;
    private final String example;
    private final List<String> envNames;

    Setting(String fileKey, String example, String... envNames) {
        this.fileKey = fileKey;
        this.example = example;
        this.envNames = List.of(envNames);
    }

    /** The key in {@code $RGRID_HOME/config}. */
    public String fileKey() { return fileKey; }

    /** Environment variable names, most specific first. */
    public List<String> envNames() { return envNames; }

    /** A good value, shown when a bad one is refused. */
    public String example() { return example; }
}
