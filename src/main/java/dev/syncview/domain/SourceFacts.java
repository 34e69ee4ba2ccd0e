package dev.syncview.domain;

/** The part of a source that its jobs' listings depend on. */
public record SourceFacts(
    String id,
    String tenant,
    String databaseName,
    SourceType type,
    String s3BucketName,
    String s3CollectionName) {}
