package dev.syncview.contract;

import static dev.syncview.contract.Verdicts.API_KEYS;
import static dev.syncview.contract.Verdicts.JOBS;
import static dev.syncview.contract.Verdicts.SOURCES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.contract.Sample.Agree;
import dev.syncview.contract.Sample.Beyond;
import dev.syncview.contract.Sample.Expect;
import dev.syncview.contract.Sample.KeyOnly;
import dev.syncview.contract.Sample.Stateful;
import dev.syncview.domain.Uuids;
import dev.syncview.isolation.HostileEventsTest;
import dev.syncview.topology.DeadLetterRulesTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schemas (schemas/*.schema.json) and the service's parsers give the same verdict,
 * valid or rejected, on the service's hostile and dead-letter corpora and on samples read off the
 * contract. Where a schema cannot judge a record, {@link BeyondSchemas} lists it with the reason
 * and both verdicts pinned; schemas/README.md gives the same list to publishers.
 */
class EventSchemaAgreementTest {
  static Stream<Sample> samples() {
    List<Sample> all = new ArrayList<>();
    HostileEventsTest.cases().map(EventSchemaAgreementTest::fromHostile).forEach(all::add);
    DeadLetterRulesTest.badSources().map(EventSchemaAgreementTest::fromBadSource).forEach(all::add);
    DeadLetterRulesTest.badJobs().map(EventSchemaAgreementTest::fromBadJob).forEach(all::add);
    all.addAll(ContractSamples.all());
    all.addAll(BeyondSchemas.beyond());
    all.addAll(BeyondSchemas.stateful());
    all.addAll(BeyondSchemas.limits());
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldJudgeEachRecordAsTheServiceDoes(Sample s) {
    Verdicts.SchemaVerdict schema = Verdicts.schema(s.topic(), s.value());
    Expect expect = s.expect();
    if (expect instanceof KeyOnly) {
      assertThat(schema.valid()).as("%s: the value alone, schema errors: %s", s, schema.errors()).isTrue();
    } else if (expect instanceof Stateful) {
      assertThat(schema.valid()).as("%s: schema errors: %s", s, schema.errors()).isTrue();
      assertThat(parserRejection(s)).as("%s: the parser, on the value alone", s).isNull();
    } else if (expect instanceof Beyond b) {
      assertThat(schema.valid()).as("%s: schema (%s), errors: %s", s, b.why(), schema.errors()).isEqualTo(b.schemaValid());
      String rejection = parserRejection(s);
      assertThat(rejection == null).as("%s: parser (%s): %s", s, b.why(), rejection).isEqualTo(b.parserValid());
    } else {
      Boolean valid = ((Agree) expect).valid();
      String rejection = parserRejection(s);
      assertThat(schema.valid())
          .as("%s: schema and parser agree; schema errors: %s; parser: %s", s, schema.errors(), rejection)
          .isEqualTo(rejection == null);
      if (valid != null) {
        assertThat(rejection == null).as("%s: the expected verdict; parser: %s", s, rejection).isEqualTo(valid);
      }
    }
  }

  @Test
  void shouldListOnlyCorpusCasesThatExist() {
    Set<String> names = new HashSet<>();
    HostileEventsTest.cases().forEach(c -> names.add(c.name()));
    DeadLetterRulesTest.badSources().forEach(a -> names.add((String) a.get()[0]));
    assertThat(names).containsAll(BeyondSchemas.CORPUS.keySet());
  }

  static String parserRejection(Sample s) {
    return Verdicts.parserRejection(s.topic(), s.key(), s.value());
  }

  // ---------------------------------------------------------------- the corpora

  static Sample fromHostile(HostileEventsTest.Case c) {
    String topic =
        switch (c.topic()) {
          case "sources" -> SOURCES;
          case "jobs" -> JOBS;
          default -> API_KEYS;
        };
    String key = strictUtf8(c.key());
    boolean keyRefused =
        key == null || key.isEmpty() || (!topic.equals(API_KEYS) && Uuids.normalize(key) == null);
    Expect expect;
    if (keyRefused) {
      expect = new KeyOnly(BeyondSchemas.KEYS);
    } else if (BeyondSchemas.CORPUS.containsKey(c.name())) {
      expect = BeyondSchemas.CORPUS.get(c.name());
    } else if (c.expected().equals(HostileEventsTest.EITHER) || c.expected().contains("too-large")) {
      // too-large is the topology's size rule, after the parser: only schema and parser must agree.
      expect = new Agree(null);
    } else {
      expect = new Agree(c.expected().equals(HostileEventsTest.STORED));
    }
    return new Sample(c.name(), topic, c.key(), c.value(), expect);
  }

  static Sample fromBadSource(Arguments a) {
    Object[] args = a.get();
    String name = (String) args[0];
    String key = (String) args[1];
    byte[] value = ((String) args[2]).getBytes(StandardCharsets.UTF_8);
    Expect expect =
        Uuids.normalize(key) == null ? new KeyOnly(BeyondSchemas.KEYS) : BeyondSchemas.CORPUS.getOrDefault(name, new Agree(false));
    return new Sample(name, SOURCES, key.getBytes(StandardCharsets.UTF_8), value, expect);
  }

  static Sample fromBadJob(Arguments a) {
    Object[] args = a.get();
    String name = (String) args[0];
    byte[] value = ((String) args[1]).getBytes(StandardCharsets.UTF_8);
    return new Sample(
        name,
        JOBS,
        DeadLetterRulesTest.JOB.getBytes(StandardCharsets.UTF_8),
        value,
        BeyondSchemas.CORPUS.getOrDefault(name, new Agree(false)));
  }

  /** The key as the router reads it: strict UTF-8, or null. */
  static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
