package dev.syncview.query;

import java.util.List;

/**
 * A page of rendered items in listing order, and where the next page starts (null when this one
 * is the last).
 */
public record Page(List<byte[]> items, Position next) {}
