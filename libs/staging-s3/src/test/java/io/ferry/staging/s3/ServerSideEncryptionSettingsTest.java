package io.ferry.staging.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The check of a store's answer. S3Proxy either honours SSE or refuses it (S3StagingIT shows both); a store that takes
 * the header and stores the object in the clear, answering without it, is only seen here.
 */
class ServerSideEncryptionSettingsTest {

    @Test
    void anAnswerWithoutEncryptionOrWithAnotherIsAProblem() {
        var aes = ServerSideEncryptionSettings.AES256;
        assertThat(aes.problem(ServerSideEncryption.AES256)).isEmpty();
        assertThat(aes.problem(null)).contains("the store did not confirm server-side encryption AES256");
        assertThat(aes.problem(ServerSideEncryption.AWS_KMS)).contains("the store encrypted with aws:kms, not AES256");

        var kms = ServerSideEncryptionSettings.parse("aws:kms", Optional.of("key-1"));
        assertThat(kms.problem(ServerSideEncryption.AWS_KMS)).isEmpty();
        assertThat(kms.problem(ServerSideEncryption.AES256)).isPresent();
    }

    @Test
    void onlyAes256AndKmsAreAccepted() {
        assertThat(ServerSideEncryptionSettings.parse("AES256", Optional.empty()))
                .isEqualTo(ServerSideEncryptionSettings.AES256);
        assertThatThrownBy(() -> ServerSideEncryptionSettings.parse("none", Optional.empty()))
                .hasMessage("server-side encryption must be AES256 or aws:kms, not 'none'");
        assertThatThrownBy(() -> ServerSideEncryptionSettings.parse("aws:kms:dsse", Optional.empty()))
                .hasMessageContaining("must be AES256 or aws:kms");
        assertThatThrownBy(() -> ServerSideEncryptionSettings.parse("AES256", Optional.of("key-1")))
                .hasMessage("a KMS key id needs server-side encryption aws:kms");
    }
}
