package io.ferry.staging.s3;

import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import io.ferry.staging.StagingKeys;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.FileTransformerConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Staging in an S3 bucket, under an optional key prefix. A put is one PUT, or a multipart upload above the part
 * size; S3 makes either visible whole and at once, so readers see the old object or the new one, never part. Every
 * put asks for server-side encryption and fails unless the store's answer confirms it (the object is then removed).
 *
 * <p>A put a crash interrupted leaves no object but may leave a multipart upload holding its parts:
 * {@link #deletePrefix} and {@link #deleteInterruptedWrites} abort those. Keys listed are only those
 * {@link StagingKeys} accepts; other objects under the prefix (a console's folder markers) are not staging's.
 */
public final class S3Staging implements Staging {

    /** DeleteObjects takes at most this many keys. */
    private static final int DELETE_BATCH = 1000;
    private static final int NOT_FOUND = 404;

    private final S3Clients clients;
    private final S3AsyncClient client;
    private final String bucket;
    private final String keyPrefix;
    private final ServerSideEncryptionSettings encryption;

    private S3Staging(S3Clients clients, S3Settings settings) {
        this.clients = clients;
        this.client = clients.requests();
        this.bucket = settings.bucket();
        this.keyPrefix = settings.keyPrefix();
        this.encryption = settings.encryption();
    }

    /** A staging with clients of its own, closed with it. Nothing is sent until the first call. */
    public static S3Staging open(S3Settings settings) {
        return new S3Staging(S3Clients.create(settings), settings);
    }

    @Override
    public void put(String key, Path localFile) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(objectKey(key))
                .serverSideEncryption(encryption.algorithm());
        encryption.kmsKeyId().ifPresent(request::ssekmsKeyId);
        PutObjectResponse response = await("put", key,
                () -> clients.uploads().putObject(request.build(), AsyncRequestBody.fromFile(localFile)));
        Optional<String> problem = encryption.problem(response.serverSideEncryption());
        if (problem.isPresent()) {
            // Stored, but not as asked: anonymized data must not rest in the clear.
            await("put", key, () -> client.deleteObject(b -> b.bucket(bucket).key(objectKey(key))));
            throw new StagingException("staging put " + key + " refused: " + problem.get()
                    + "; the object was removed");
        }
    }

    @Override
    public void get(String key, Path localFile) {
        var toFile = AsyncResponseTransformer.<GetObjectResponse>toFile(localFile,
                FileTransformerConfiguration.defaultCreateOrReplaceExisting());
        awaitFound("get", key, () -> client.getObject(b -> b.bucket(bucket).key(objectKey(key)), toFile))
                .orElseThrow(() -> new StagingException("staging get " + key + ": no such object"));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return awaitFound("stat", key, () -> client.headObject(b -> b.bucket(bucket).key(objectKey(key))))
                .map(head -> new ObjectInfo(key, head.contentLength(), head.lastModified()));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> found = new ArrayList<>();
        for (S3Object object : objectsUnder(prefix)) {
            String key = object.key().substring(keyPrefix.length());
            if (StagingKeys.isKey(key)) {
                found.add(new ObjectInfo(key, object.size(), object.lastModified()));
            }
        }
        // S3 lists in UTF-8 byte order; callers expect the order of Java strings.
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public boolean delete(String key) {
        // S3 answers a delete the same whether or not the object was there.
        if (stat(key).isEmpty()) {
            return false;
        }
        await("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(objectKey(key))));
        return true;
    }

    /** Deletes every object under the prefix (staging keys or not) in batches, then aborts uploads left there. */
    @Override
    public int deletePrefix(String prefix) {
        List<ObjectIdentifier> objects = objectsUnder(prefix).stream()
                .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                .toList();
        for (int from = 0; from < objects.size(); from += DELETE_BATCH) {
            Delete batch = Delete.builder().quiet(true)
                    .objects(objects.subList(from, Math.min(from + DELETE_BATCH, objects.size()))).build();
            DeleteObjectsResponse response = await("delete", label(prefix),
                    () -> client.deleteObjects(b -> b.bucket(bucket).delete(batch)));
            if (!response.errors().isEmpty()) {
                var first = response.errors().getFirst();
                throw new StagingException("staging delete " + label(prefix) + " failed for " + response.errors().size()
                        + " object(s), first " + first.key().substring(keyPrefix.length()) + ": " + first.code());
            }
        }
        abortUploads(s3Prefix(prefix), null);
        return objects.size();
    }

    @Override
    public int deleteInterruptedWrites(Instant before) {
        return abortUploads(keyPrefix, before);
    }

    @Override
    public void close() {
        clients.close();
    }

    /** Aborts the multipart uploads under {@code s3Prefix} started before {@code before} (all if null). */
    private int abortUploads(String s3Prefix, Instant before) {
        List<MultipartUpload> uploads = new ArrayList<>();
        await("list uploads", label(s3Prefix.substring(keyPrefix.length())),
                () -> client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(s3Prefix)).uploads()
                        .subscribe(uploads::add));
        int aborted = 0;
        for (MultipartUpload upload : uploads) {
            if (before != null && !upload.initiated().isBefore(before)) {
                continue;
            }
            String key = upload.key().substring(keyPrefix.length());
            // Empty: completed or aborted by someone else meanwhile.
            if (awaitFound("abort upload", key, () -> client.abortMultipartUpload(
                    b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))).isPresent()) {
                aborted++;
            }
        }
        return aborted;
    }

    private List<S3Object> objectsUnder(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        await("list", label(prefix), () -> client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(s3Prefix(prefix)))
                .contents().subscribe(objects::add));
        return objects;
    }

    private String objectKey(String key) {
        return keyPrefix + StagingKeys.requireKey(key);
    }

    /** The S3 prefix of a staging prefix: a folder ends with {@code /}, so {@code r1} does not list {@code r10/}. */
    private String s3Prefix(String prefix) {
        String folder = StagingKeys.requirePrefix(prefix);
        return folder.isEmpty() ? keyPrefix : keyPrefix + folder + "/";
    }

    private static String label(String prefix) {
        return prefix.isEmpty() ? "(root)" : prefix;
    }

    /**
     * Waits for the SDK's answer; a failure becomes a {@link StagingException} naming the operation, the key, and
     * S3's error code and message (S3 never puts object contents there).
     */
    private static <T> T await(String operation, String key, Supplier<CompletableFuture<T>> call) {
        try {
            return call.get().join();
        } catch (CompletionException e) {
            throw failure(operation, key, e.getCause() == null ? e : e.getCause());
        } catch (UncheckedIOException | SdkException e) {
            // thrown before any request, e.g. by a request body over a missing file
            throw failure(operation, key, e);
        }
    }

    /** As {@link #await}, but empty when S3 answers 404 for the object or upload; a missing bucket still fails. */
    private static <T> Optional<T> awaitFound(String operation, String key, Supplier<CompletableFuture<T>> call) {
        try {
            return Optional.of(await(operation, key, call));
        } catch (StagingException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == NOT_FOUND
                    && (s3.awsErrorDetails() == null || !"NoSuchBucket".equals(s3.awsErrorDetails().errorCode()))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static StagingException failure(String operation, String key, Throwable cause) {
        Throwable reported = cause instanceof UncheckedIOException io ? io.getCause() : cause;
        return new StagingException("staging " + operation + " " + key + " failed: " + describe(reported), cause);
    }

    private static String describe(Throwable e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            String message = s3.awsErrorDetails().errorMessage();
            return "S3 " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode()
                    + (message == null ? "" : " (" + message + ")");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof SdkException) || t.getCause() == null) {
                return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            }
        }
        return e.getClass().getSimpleName();
    }
}
