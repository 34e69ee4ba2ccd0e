package dev.syncview.query;

/** A place in a listing: the (created_at, id) of the last item seen. */
public record Position(long createdAt, String jobId) {}
