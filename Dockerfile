# The service image, built from source: `docker compose up --build` needs no Maven or JDK on the host.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY topics/ topics/
COPY src/ src/
# The cache mount (BuildKit, Compose's default builder) keeps the Maven repository between builds.
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
# A fixed uid, not root: files on the data volume keep their owner across image rebuilds, and
# /data is created owned by it so a new named volume mounted there starts out writable.
RUN groupadd --system --gid 10001 syncview \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app syncview \
 && mkdir -p /data \
 && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/sync-view.jar /app/sync-view.jar
COPY docker/entrypoint.sh /app/entrypoint.sh
# The heap bound of the README's run command (RocksDB has its own, ROCKSDB_MEMORY_MB); an
# OutOfMemoryError ends the process so the restart policy replaces it instead of a limping JVM.
ENV HTTP_PORT=8080 JAVA_OPTS="-Xmx384m -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "/app/entrypoint.sh"]
