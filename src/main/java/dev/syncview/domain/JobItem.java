package dev.syncview.domain;

/** One listed job: the seed's {@code Vec} item. {@code sourceId} is null for a source-less job. */
public record JobItem(
    String id, JobStatus status, ItemMetadata metadata, String sourceId, long createdAt) {}
