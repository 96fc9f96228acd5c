package io.ferry.extractor.extraction;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Progress;

/**
 * Where an extraction reports as it goes. {@link #batch} is called once the batch file is durable in
 * staging; the messaging side sends the manifest and makes sure the broker acknowledged every manifest
 * before it sends the store's result and commits the request.
 */
public interface ExtractionListener {

    void batch(BatchManifest manifest);

    /** Best effort: a lost progress message changes nothing. */
    void progress(Progress progress);
}
