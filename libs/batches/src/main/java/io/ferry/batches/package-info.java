package io.ferry.batches;
