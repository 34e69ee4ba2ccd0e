package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the query side keeps between requests (a tenant's opened store partition, its placement)
 * holds exactly while one task assignment does: derived again after any change of the client's
 * state, and never kept while the client is not RUNNING.
 */
class HeldUntilRebalanceTest {
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final Assignment assignment = new Assignment(state::get);
  private final AtomicInteger derivations = new AtomicInteger();
  private final Function<String, String> derive = tenant -> tenant + "@" + derivations.incrementAndGet();
  private final HeldUntilRebalance<String, String> held = new HeldUntilRebalance<>(assignment, v -> true);

  @Test
  void shouldDeriveOncePerTenantWhileTheAssignmentHolds() {
    // Given a running client
    // When two tenants are asked for three times each
    for (int i = 0; i < 3; i++) {
      assertThat(held.get("acme", derive)).isEqualTo("acme@1");
      assertThat(held.get("globex", derive)).isEqualTo("globex@2");
    }

    // Then each was derived once
    assertThat(derivations).hasValue(2);
  }

  @Test
  void shouldDeriveAgainAfterTheClientStateChanges() {
    // Given a value kept in one assignment
    held.get("acme", derive);

    // When the client rebalances and runs again (two state changes)
    state.set(State.REBALANCING);
    assignment.changed();
    state.set(State.RUNNING);
    assignment.changed();

    // Then the value is derived anew, and kept again
    assertThat(held.get("acme", derive)).isEqualTo("acme@2");
    assertThat(held.get("acme", derive)).isEqualTo("acme@2");
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
  void shouldKeepNothingWhileTheClientIsNotRunning(State notRunning) {
    // Given a client that is not RUNNING
    state.set(notRunning);

    // When a tenant is asked for twice
    held.get("acme", derive);
    held.get("acme", derive);

    // Then both were derived
    assertThat(derivations).hasValue(2);
  }

  @Test
  void shouldDeriveAgainWhenTheStateChangedWhileDeriving() {
    // Given a derivation during which the client rebalances
    Function<String, String> racing =
        tenant -> {
          assignment.changed();
          return derive.apply(tenant);
        };

    // When the value is asked for again
    held.get("acme", racing);

    // Then what was derived under the old assignment is not reused
    assertThat(held.get("acme", derive)).isEqualTo("acme@2");
  }

  @Test
  void shouldDeriveAgainWhenTheValueWasNotSettled() {
    // Given values that are never final (Streams did not know the placement yet)
    HeldUntilRebalance<String, String> unsettled = new HeldUntilRebalance<>(assignment, v -> false);

    // When a tenant is asked for twice
    unsettled.get("acme", derive);
    unsettled.get("acme", derive);

    // Then both were derived
    assertThat(derivations).hasValue(2);
  }

  @Test
  void shouldDeriveAgainWhenAKeptValueBecameUnusable() {
    // Given a kept store partition
    Set<String> closed = new HashSet<>();
    HeldUntilRebalance<String, String> stores = new HeldUntilRebalance<>(assignment, v -> !closed.contains(v));
    assertThat(stores.get("acme", derive)).isEqualTo("acme@1");

    // When it closes without a rebalance (its task revived after corruption)
    closed.add("acme@1");

    // Then the partition is found anew, and that one is kept
    assertThat(stores.get("acme", derive)).isEqualTo("acme@2");
    assertThat(stores.get("acme", derive)).isEqualTo("acme@2");
  }

  @Test
  void shouldKeepNothingBeforeTheClientExists() {
    // Given no client yet
    Assignment none = new Assignment(() -> null);
    HeldUntilRebalance<String, String> early = new HeldUntilRebalance<>(none, v -> true);

    // When a tenant is asked for twice
    early.get("acme", derive);
    early.get("acme", derive);

    // Then both were derived
    assertThat(derivations).hasValue(2);
    assertThat(none.current()).isEqualTo(Assignment.NONE);
  }
}
