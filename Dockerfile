# The service image: the jar and its libraries as `mvn -q -DskipTests package` leaves them.
#   mvn -q -DskipTests package && docker compose up --build --scale sync-view=3
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/lib/ /app/lib/
COPY target/sync-view.jar /app/sync-view.jar
ENV HTTP_PORT=8080 DATA_DIR=/data
# The heap bound of the README's run command; RocksDB has its own (ROCKSDB_MEMORY_MB).
ENV JAVA_OPTS=-Xmx384m
EXPOSE 8080
# Each replica advertises its own container address to the others (application.server).
ENTRYPOINT ["sh", "-c", "export APPLICATION_SERVER=\"${APPLICATION_SERVER:-$(hostname -i | cut -d' ' -f1):8080}\"; exec java ${JAVA_OPTS:-} -jar /app/sync-view.jar \"$@\"", "sync-view"]
