/*
 * okg's local Neo4j: Neo4j Community (embedded) with its Bolt connector and its HTTP server
 * (which also serves Neo4j Browser when its jar is on the class path).
 *
 * Started by scripts/neo4j-local, which compiles this file against the jars that Maven fetched.
 * Settings come from system properties (set by the script):
 *   okg.neo4j.home       instance folder (data/, logs/, run/, optional conf/neo4j.conf)   [required]
 *   okg.neo4j.host       listen address, default 127.0.0.1
 *   okg.neo4j.bolt_port  default 7687
 *   okg.neo4j.http_port  default 7474; 0 turns the HTTP server (and Browser) off
 *   okg.neo4j.pagecache  page cache size, default 512m
 * and the user and password from the environment (never the command line): NEO4J_USER, NEO4J_PASSWORD
 * (required: scripts/neo4j-local gives the one it generated and keeps in the instance folder).
 * The HTTP server lets only its own origin (Neo4j Browser, http://host:http_port) read its answers
 * across origins (Neo4j's default is any origin).
 *
 * The password is set on the user when the store is new or NEO4J_USER/NEO4J_PASSWORD changed since the
 * last start (data/okg-local-auth keeps a salted hash of what was set).
 * When everything is up and the password is set, it writes run/ready (its pid); scripts/neo4j-local
 * waits for that file and for a Bolt handshake. SIGTERM/SIGINT run a shutdown hook that calls
 * DatabaseManagementService.shutdown(), so the store is closed cleanly. *
 * `OkgNeo4j holds-nodes DATABASE` (okg.neo4j.home as above) opens the stopped store with no connectors,
 * prints `yes` when that database holds any node (else `no`) and exits: how `scripts/neo4j-local import` tells an empty database
 * (which a bulk import may replace) from one that holds data.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.configuration.ServerSettings;

public final class OkgNeo4j {

    private OkgNeo4j() {}

    public static void main(String[] args) throws Exception {
        String homeProp = System.getProperty("okg.neo4j.home");
        if (homeProp == null || homeProp.isBlank()) {
            fail("system property okg.neo4j.home is required");
        }
        Path home = Path.of(homeProp).toAbsolutePath().normalize();
        if (args.length == 2 && args[0].equals("holds-nodes")) {
            System.out.println(holdsNodes(home, args[1]) ? "yes" : "no");
            return;
        }
        String host = System.getProperty("okg.neo4j.host", "127.0.0.1");
        int boltPort = Integer.parseInt(System.getProperty("okg.neo4j.bolt_port", "7687"));
        int httpPort = Integer.parseInt(System.getProperty("okg.neo4j.http_port", "7474"));
        long pageCache = SettingValueParsers.BYTES.parse(System.getProperty("okg.neo4j.pagecache", "512m"));
        String user = envOr("NEO4J_USER", "neo4j");
        String password = envOr("NEO4J_PASSWORD", "");
        if (password.isEmpty()) {
            fail("NEO4J_PASSWORD is required (scripts/neo4j-local gives it)");
        }

        Path run = home.resolve("run");
        Files.createDirectories(run);
        Path ready = run.resolve("ready");
        Files.deleteIfExists(ready);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        // Optional extra settings; the ones below win over it.
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            log("loading " + conf);
            builder.loadPropertiesFromFile(conf);
        }
        builder.setUserLogProvider(new Log4jLogProvider(System.out))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(host))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's Netty waits 5 s of quiet (twice) before it closes; 1 s makes `stop` quick.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, boltPort))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(HttpConnector.enabled, httpPort > 0);
        if (httpPort > 0) {
            builder.setConfig(HttpConnector.listen_address, new SocketAddress(host, httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(host, httpPort))
                    // a page of another origin must not read the HTTP API's answers (the default is *)
                    .setConfig(ServerSettings.http_access_control_allow_origin, "http://" + host + ":" + httpPort);
        }

        log("starting Neo4j in " + home);
        DatabaseManagementService dbms = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the script checks the pid as well
            }
            dbms.shutdown();
            log("stopped");
        }, "okg-neo4j-shutdown"));

        // Cypher's first queries are slow to plan (~5-15 s on 2 cores), so the password is only set
        // when NEO4J_USER/NEO4J_PASSWORD differ from the ones this store was last given.
        Path authMark = home.resolve("data").resolve("okg-local-auth");
        if (!authMatches(authMark, user, password)) {
            try {
                setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), user, password);
                writeAuthMark(authMark, user, password);
            } catch (RuntimeException e) {
                log("could not set the password of user '" + user + "': " + e.getMessage());
                System.exit(2); // the shutdown hook closes the store
            }
        }

        log("Neo4j " + Version.getNeo4jVersion() + " community ready: bolt://" + host + ":" + boltPort
                + (httpPort > 0 ? ", http://" + host + ":" + httpPort + "/browser/" : ", HTTP off")
                + ", user " + user);

        Path tmp = run.resolve("ready.tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Thread.currentThread().join(); // runs until SIGTERM/SIGINT
    }

    /** Whether the database holds any node, with the store opened offline (no connectors). */
    private static boolean holdsNodes(Path home, String database) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse("64m"))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .build();
        try {
            // the core API, not Cypher: planning a first query would take longer than the rest
            try (Transaction tx = dbms.database(database).beginTx();
                 ResourceIterable<Node> nodes = tx.getAllNodes()) {
                return nodes.stream().findAny().isPresent();
            }
        } finally {
            dbms.shutdown();
        }
    }

    /** Gives the user the password from the environment (creating the user if needed), change not required. */
    private static void setPassword(GraphDatabaseService system, String user, String password) {
        Map<String, Object> params = Map.of("user", user, "password", password);
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                params, r -> ((Number) r.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally(
                    "CREATE USER $user SET PASSWORD $password CHANGE NOT REQUIRED", params);
            log("created user '" + user + "'");
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER $user SET PASSWORD $password CHANGE NOT REQUIRED", params);
            log("password of user '" + user + "' set from NEO4J_PASSWORD");
        } catch (RuntimeException e) {
            if (!String.valueOf(messages(e)).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER $user SET PASSWORD CHANGE NOT REQUIRED", params);
        }
    }

    private static boolean authMatches(Path mark, String user, String password) {
        try {
            String[] saved = Files.readString(mark, StandardCharsets.UTF_8).trim().split(":", 2);
            return saved.length == 2 && saved[1].equals(authHash(saved[0], user, password));
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeAuthMark(Path mark, String user, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        try {
            Files.writeString(mark, saltHex + ":" + authHash(saltHex, user, password) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            log("could not write " + mark + " (the password is set again at the next start): " + e.getMessage());
        }
    }

    private static String authHash(String salt, String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((salt + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> messages(Throwable e) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static void log(String msg) {
        System.out.println(OffsetDateTime.now() + " okg-neo4j " + msg);
        System.out.flush();
    }

    private static void fail(String msg) {
        System.err.println("okg-neo4j: " + msg);
        System.exit(2);
    }
}
