package io.ferry.staging.s3;

import io.ferry.staging.Staging;
import io.ferry.staging.StagingContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The tests the filesystem staging passes, against a real S3 API (S3Proxy), one new bucket per test. */
class S3StagingContractIT extends StagingContract {

    private final List<S3Staging> opened = new ArrayList<>();

    @Override
    protected Staging staging() {
        S3Staging staging = S3Fixture.newStaging();
        opened.add(staging);
        return staging;
    }

    @AfterEach
    void close() {
        opened.forEach(S3Staging::close);
    }
}
