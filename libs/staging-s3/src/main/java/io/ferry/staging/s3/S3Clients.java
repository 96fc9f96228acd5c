package io.ferry.staging.s3;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The SDK's S3 clients for one {@link S3Settings}, over one connection pool: {@code uploads} turns a put above the part
 * size into a multipart upload; {@code requests} does everything else, a get included, as one whole GET. (A multipart
 * get reads parts by number, which not every S3-compatible store answers with a Content-Range: S3Proxy does not.)
 */
record S3Clients(S3AsyncClient uploads, S3AsyncClient requests, SdkAsyncHttpClient http, EventLoopGroup threads)
        implements AutoCloseable {

    static S3Clients create(S3Settings settings) {
        // The event loops are ours, not the SDK's: it would close its own with a 2 s quiet period, every close.
        EventLoopGroup threads = new NioEventLoopGroup(0, Thread.ofPlatform().daemon().name("s3-io-", 0).factory());
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(SdkEventLoopGroup.create(threads))
                .build();
        S3AsyncClient uploads = builder(settings, http)
                .multipartEnabled(true)
                .multipartConfiguration(m -> m.thresholdInBytes(settings.partSize())
                        .minimumPartSizeInBytes(settings.partSize()))
                .build();
        return new S3Clients(uploads, builder(settings, http).build(), http, threads);
    }

    private static S3AsyncClientBuilder builder(S3Settings settings, SdkAsyncHttpClient http) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClient(http)
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        return builder;
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.credentials()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /**
     * The clients leave a shared HTTP client open, and it leaves the event loops it was given: they are closed last,
     * here, without a quiet period, since nothing submits work to them once the HTTP client is closed.
     */
    @Override
    public void close() {
        uploads.close();
        requests.close();
        http.close();
        threads.shutdownGracefully(0, 10, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
