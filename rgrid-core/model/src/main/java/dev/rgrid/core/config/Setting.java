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
    NODE_HOME("node_home", "/var/lib/rgrid", "RGRID_NODE_HOME"),
    /**
     * Who provisions worker nodes as the queue needs them: {@code hetzner} (Hetzner Cloud), {@code local} (Ray nodes
     * started on this machine) or {@code none}. Default: hetzner when a Hetzner token is set, else none.
     */
    NODE_PROVIDER("node_provider", "hetzner", "RGRID_NODE_PROVIDER"),
    /**
     * The database URL cluster nodes are sent instead of {@link #DATABASE_URL}: a role with only what a node needs
     * ({@code rgrid-server db grant-node ROLE}). Default: the control plane's own.
     */
    NODE_DATABASE_URL("node_database_url", "jdbc:postgresql://db:5432/rgrid?user=rgrid_node&password=secret",
            "RGRID_NODE_DATABASE_URL"),
    /** Names this cluster's servers at the provider and labels them, so two clusters on one account never meet. Default rgrid. */
    CLUSTER_ID("cluster_id", "prod", "RGRID_CLUSTER_ID"),
    /** The fewest provisioned nodes kept, idle or not. Default 0. */
    MIN_NODES("min_nodes", "0", "RGRID_MIN_NODES"),
    /** The most provisioned nodes at once, booting ones included. Default 10. */
    MAX_NODES("max_nodes", "10", "RGRID_MAX_NODES"),
    /** The most nodes asked for and not joined yet at once. Default 4. */
    MAX_LAUNCHING("max_launching", "4", "RGRID_MAX_LAUNCHING"),
    /** How long after a round of launches the next round waits (booting nodes count as capacity meanwhile). Default 10s. */
    LAUNCH_COOLDOWN("launch_cooldown", "10s", "RGRID_LAUNCH_COOLDOWN"),
    /** How long before its next billed hour starts an idle node is retired. Default 5m. */
    RETIRE_MARGIN("retire_margin", "5m", "RGRID_RETIRE_MARGIN"),
    /** How long a new server may take to join Ray before it is deleted and replaced. Default 10m. */
    JOIN_DEADLINE("join_deadline", "10m", "RGRID_JOIN_DEADLINE"),
    /** How often the autoscaler looks at the queue and the nodes. Default 1s. */
    AUTOSCALE_INTERVAL("autoscale_interval", "1s", "RGRID_AUTOSCALE_INTERVAL"),
    /** The address new nodes join Ray at (the head's private address). Default: RGRID_RAY_ADDRESS. */
    RAY_HEAD_ADDRESS("ray_head_address", "10.0.0.2:6380", "RGRID_RAY_HEAD_ADDRESS"),
    /** Where a new node downloads the RGrid build it installs (a tarball of the built tree). */
    NODE_BUILD_URL("node_build_url", "https://rgrid.example.com/rgrid-build.tar.gz", "RGRID_NODE_BUILD_URL"),
    /** A Hetzner Cloud API token (read and write) of the project nodes are created in. */
    HETZNER_TOKEN("hetzner_token", "a 64-character API token", "RGRID_HETZNER_TOKEN", "HCLOUD_TOKEN"),
    /** Hetzner Cloud's API; another for Hetzner-compatible endpoints and tests. Default https://api.hetzner.cloud/v1. */
    HETZNER_API_URL("hetzner_api_url", "https://api.hetzner.cloud/v1", "RGRID_HETZNER_API_URL"),
    /** The server types nodes may be, separated by commas; the cheapest that fits a waiting run is chosen. Default cx22,cx32,cx42,cx52. */
    HETZNER_SERVER_TYPES("hetzner_server_types", "cx22,cx32", "RGRID_HETZNER_SERVER_TYPES"),
    /** The location nodes are created in. Default nbg1. */
    HETZNER_LOCATION("hetzner_location", "nbg1", "RGRID_HETZNER_LOCATION"),
    /** The image nodes boot. Default debian-12. */
    HETZNER_IMAGE("hetzner_image", "debian-12", "RGRID_HETZNER_IMAGE"),
    /** The private network (its id) nodes join, where the head is reached. */
    HETZNER_NETWORK("hetzner_network", "1234567", "RGRID_HETZNER_NETWORK"),
    /** SSH keys (names or ids, separated by commas) put on nodes for operators. */
    HETZNER_SSH_KEYS("hetzner_ssh_keys", "ops", "RGRID_HETZNER_SSH_KEYS"),
    /** Firewalls (ids, separated by commas) applied to nodes. */
    HETZNER_FIREWALLS("hetzner_firewalls", "42", "RGRID_HETZNER_FIREWALLS"),
    /** A local node's CPUs (the local provider). Default 1. */
    LOCAL_NODE_CPUS("local_node_cpus", "1", "RGRID_LOCAL_NODE_CPUS"),
    /** A local node's memory for runs (the local provider). Default 2g. */
    LOCAL_NODE_MEMORY("local_node_memory", "2g", "RGRID_LOCAL_NODE_MEMORY"),
    /** A local node's container slots (the local provider). Default 1. */
    LOCAL_NODE_SLOTS("local_node_slots", "1", "RGRID_LOCAL_NODE_SLOTS"),
    /** A local node's hourly price in EUR, for cost accounting (the local provider). Default 0. */
    LOCAL_NODE_PRICE("local_node_price", "0.0071", "RGRID_LOCAL_NODE_PRICE");

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
