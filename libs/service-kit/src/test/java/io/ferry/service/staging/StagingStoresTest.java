package io.ferry.service.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.service.config.ServiceConfig;
import io.ferry.service.config.StagingKind;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class StagingStoresTest {

    /** The S3 keys as a service maps them; unset keys are empty or their defaults. */
    private record S3(Optional<String> bucket, Optional<String> prefix, Optional<String> accessKeyId,
            Optional<String> secretAccessKey, String sse, Optional<String> sseKmsKeyId) implements ServiceConfig.S3Group {

        static S3 bucket(String bucket) {
            return new S3(Optional.of(bucket), Optional.empty(), Optional.empty(), Optional.empty(), "AES256",
                    Optional.empty());
        }

        @Override
        public Optional<URI> endpoint() {
            return Optional.of(URI.create("http://127.0.0.1:9000"));
        }

        @Override
        public Optional<String> region() {
            return Optional.of("eu-west-1");
        }

        @Override
        public boolean pathStyle() {
            return true;
        }
    }

    private record Store(StagingKind kind, ServiceConfig.S3Group s3) implements ServiceConfig.StagingStoreGroup {
    }

    @Test
    void theFilesystemIsTheStagingUnlessS3IsChosen() {
        Path root = Path.of("staging-root");
        assertThat(StagingStores.open(new Store(StagingKind.FILESYSTEM, S3.bucket("unused")), root))
                .isInstanceOfSatisfying(FileSystemStaging.class,
                        fs -> assertThat(fs.root()).isEqualTo(root.toAbsolutePath()));
    }

    @Test
    void s3SettingsComeFromTheKeys() {
        S3 s3 = new S3(Optional.of("ferry-cert"), Optional.of("ferry/eu/"), Optional.of("AKIA"), Optional.of("secret"),
                "aws:kms", Optional.of("alias/ferry"));
        S3Settings settings = StagingStores.s3Settings(s3);
        assertThat(settings.bucket()).isEqualTo("ferry-cert");
        assertThat(settings.keyPrefix()).isEqualTo("ferry/eu/");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.region()).contains("eu-west-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.credentials()).get().extracting(S3Settings.AccessKey::accessKeyId).isEqualTo("AKIA");
        assertThat(settings.encryption().algorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(settings.encryption().kmsKeyId()).contains("alias/ferry");
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void incompleteS3SettingsNameTheKey() {
        S3 noBucket = new S3(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "AES256",
                Optional.empty());
        assertThatThrownBy(() -> StagingStores.s3Settings(noBucket))
                .hasMessage("staging kind s3 needs staging.s3.bucket");
        S3 halfAKey = new S3(Optional.of("b-1"), Optional.empty(), Optional.of("AKIA"), Optional.empty(), "AES256",
                Optional.empty());
        assertThatThrownBy(() -> StagingStores.s3Settings(halfAKey))
                .hasMessageContaining("set both or neither");
        assertThatThrownBy(() -> StagingStores.s3Settings(new S3(Optional.of("b-1"), Optional.empty(),
                Optional.empty(), Optional.empty(), "off", Optional.empty())))
                .hasMessage("server-side encryption must be AES256 or aws:kms, not 'off'");
    }
}
