package io.ferry.extractor.startup;

import static io.ferry.extractor.testing.StagingRootResource.FRESH_RAW;
import static io.ferry.extractor.testing.StagingRootResource.OLD_ANONYMIZED;
import static io.ferry.extractor.testing.StagingRootResource.OLD_RAW;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.extractor.testing.StagingRootResource;
import io.ferry.extractor.testing.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A crash left raw batches behind (planted by {@link StagingRootResource} before the service started): the service
 * removes those older than {@code staging.raw-age} (1 h) as it starts, and leaves a fresh raw batch (another replica
 * may be anonymizing it) and anonymized files.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = StagingRootResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RawBatchSweepAtStartIT {

    @ConfigProperty(name = "ferry.extractor.staging.root")
    Path root;

    @Test
    void theOldRawBatchIsGoneWhileFreshRawAndAnonymizedFilesRemain() {
        assertThat(root.resolve(OLD_RAW)).doesNotExist();
        assertThat(root.resolve(FRESH_RAW)).isRegularFile();
        assertThat(root.resolve(OLD_ANONYMIZED)).isRegularFile();
    }
}
