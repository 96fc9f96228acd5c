package io.ferry.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** What a demo folder tells of the demo that ran in it: the processes it started, its API, whether that is closed. */
final class DemoFolder {

    private DemoFolder() {
    }

    /**
     * The processes the demo started, and the demo itself while it runs: the services and the estate's host and
     * servers each have the folder in their command line.
     */
    static List<String> processes(Path dir) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    /** The API's address, from the {@code demo.properties} the demo wrote. */
    static URI api(Path dir) throws IOException {
        Properties demo = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("demo.properties"))) {
            demo.load(in);
        }
        return URI.create(demo.getProperty("api.url"));
    }

    /** Whether nothing listens at the API's port any more. */
    static boolean closed(URI api) throws IOException {
        try (Socket ignored = new Socket(api.getHost(), api.getPort())) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
