package io.ferry.anonymize;
