/**
 * The rules of events.md as pure functions: no Kafka, no JSON, no state (the gates and the view
 * hold the state and ask). Which record keys name an entity ({@link dev.syncview.rules.KeyRule});
 * versions, final deletes and dead letters, once for every stage ({@link
 * dev.syncview.rules.SnapshotRule}); a job against its source's facts ({@link
 * dev.syncview.rules.JobJoin}). Each has a table test of the same name.
 */
package dev.syncview.rules;
