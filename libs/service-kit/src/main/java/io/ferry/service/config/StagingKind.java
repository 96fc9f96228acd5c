package io.ferry.service.config;

/** Where a service's staging lives ({@code ferry.<service>.staging.kind}). */
public enum StagingKind {
    /** A folder, shared through a volume: the embedded default. */
    FILESYSTEM,
    /** An S3 bucket (AWS or an S3-compatible store), with server-side encryption. */
    S3
}
