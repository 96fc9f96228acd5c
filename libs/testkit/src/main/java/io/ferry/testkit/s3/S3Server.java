package io.ferry.testkit.s3;

import io.ferry.testkit.Directories;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * A real S3 API server (S3Proxy) in this JVM on a free port of 127.0.0.1, with signed requests (AWS v2 or v4)
 * and a random key pair. Two stores:
 * <ul>
 *   <li>{@link #startInMemory()}: objects in memory; it honours server-side encryption (AES256 and aws:kms) and
 *       reports it, as S3 does;</li>
 *   <li>{@link #startOnDisk()}: objects as files in a temp folder; it refuses server-side encryption (501), as a
 *       store that cannot encrypt should.</li>
 * </ul>
 *
 * <p>S3Proxy is an optional dependency of the test kit: a module that starts one declares {@code org.gaul:s3proxy}
 * (and {@code jackson-annotations} at the version S3Proxy's Jackson 3 needs) in its test scope.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final long START_TIMEOUT_MS = 30_000;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final Path dir;
    private final String accessKey;
    private final String secretKey;
    private boolean closed;

    private S3Server(S3Proxy proxy, BlobStore store, Path dir, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.store = store;
        this.dir = dir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A server whose objects live in memory; it honours and reports server-side encryption. */
    public static S3Server startInMemory() {
        return start(new TransientNio2BlobStore(), null);
    }

    /** A server whose objects are files in a temp folder (deleted on close); it refuses server-side encryption. */
    public static S3Server startOnDisk() {
        Path dir = Directories.createTemp("ferry-s3-");
        return start(new FilesystemNio2BlobStore(dir.toString()), dir);
    }

    private static S3Server start(BlobStore store, Path dir) {
        String accessKey = "ferry-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        // Port 0: the server binds a free port itself, so no other process can take it between pick and bind.
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // The AWS SDK's multipart uploads send x-amz-mp-object-size, which S3Proxy 4.1.0 does not know.
                // Server-side encryption headers are known, so a store that cannot encrypt still refuses them.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
            return new S3Server(proxy, store, dir, accessKey, secretKey);
        } catch (Exception e) {
            stopQuietly(proxy);
            if (dir != null) {
                Directories.deleteRecursively(dir);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}; clients must use path-style requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Creates a bucket with a new name (S3 rules: 3 to 63 lower-case letters, digits and hyphens) and returns it. */
    public String createBucket() {
        String bucket = "ferry-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        store.createContainer(CreateBucketRequest.builder().bucket(bucket).build());
        return bucket;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(proxy);
        if (dir != null) {
            Directories.deleteRecursively(dir);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a server that never started, or one the JVM is tearing down: nothing left to free.
        }
    }
}
