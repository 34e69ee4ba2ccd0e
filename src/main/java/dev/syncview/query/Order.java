package dev.syncview.query;

/** Listing order on (created_at, id). */
public enum Order {
  ASC,
  DESC
}
