package dev.syncview.domain;

/** A github job's ref: a branch name or a commit sha. */
public sealed interface GitRef {
  record Branch(String name) implements GitRef {}

  record Sha(String sha) implements GitRef {}
}
