import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one web_scrape source and one job of it, then lists the tenant's examples-db through
 * sync-view's read API, passing both records' positions so the answer already holds them.
 *
 * <p>From the repository root, after {@code mvn -q -DskipTests package} (for target/lib):
 *
 * <pre>
 * java -Dlogback.configurationFile=examples/java/logback.xml -cp 'target/lib/*' \
 *     examples/java/PublishSourceAndJob.java localhost:9092 http://localhost:8080 "$TOKEN" acme
 * </pre>
 *
 * The values follow schemas/sync.sources.schema.json and schemas/sync.jobs.schema.json.
 */
public class PublishSourceAndJob {
  static final String SOURCES = "sync.sources";
  static final String JOBS = "sync.jobs";
  static final String DATABASE = "examples-db";

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PublishSourceAndJob <bootstrap servers> <api base url> <token> <tenant>");
      System.exit(2);
    }
    String bootstrap = args[0];
    String api = args[1];
    String token = args[2];
    String tenant = args[3];
    String sourceId = UUID.randomUUID().toString();
    String jobId = UUID.randomUUID().toString();
    String now = Instant.now().toString();

    // Each value is a full snapshot; the record key is the entity id, so compaction keeps the last.
    String source =
        "{\"id\":\"" + sourceId + "\",\"tenant\":" + quote(tenant) + ",\"database_name\":\"" + DATABASE
            + "\",\"created_at\":\"" + now + "\",\"version\":1,"
            + "\"web_scrape\":{\"starting_url\":\"https://docs.trychroma.com\",\"max_depth\":2}}";
    String job =
        "{\"id\":\"" + jobId + "\",\"tenant\":" + quote(tenant) + ",\"source_id\":\"" + sourceId
            + "\",\"created_at\":\"" + now + "\",\"version\":1,\"status\":\"pending\","
            + "\"target_collection_name\":\"pages\"}";

    String sourceAt;
    String jobAt;
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      sourceAt = position(producer.send(new ProducerRecord<>(SOURCES, sourceId, source)).get());
      jobAt = position(producer.send(new ProducerRecord<>(JOBS, jobId, job)).get());
    }
    System.out.println("source " + sourceId + " at " + sourceAt);
    System.out.println("job    " + jobId + " at " + jobAt);

    // Both positions: a job is listed only once its source is applied too, and the two topics are
    // applied independently.
    String path =
        "/api/v1/sources?database_name=" + DATABASE
            + "&min_position=" + URLEncoder.encode(sourceAt, StandardCharsets.UTF_8)
            + "&min_position=" + URLEncoder.encode(jobAt, StandardCharsets.UTF_8);
    HttpResponse<String> listing = get(api + path, token);
    System.out.println("GET " + path + " -> " + listing.statusCode());
    System.out.println(listing.body());
    if (listing.statusCode() != 200 || !listing.body().contains(jobId)) {
      System.exit(1);
    }
  }

  static String position(RecordMetadata m) {
    return m.topic() + ":" + m.partition() + ":" + m.offset();
  }

  /** A 503 means the view has not reached the positions yet: wait as told and ask again. */
  static HttpResponse<String> get(String url, String token) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("x-chroma-token", token).build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 503 || attempt == 5) {
        return r;
      }
      Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
    }
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
