"""Writes src/main/resources/openapi.json, the document the service serves at /openapi.json.

Edit this file, run `python3 tools/openapi.py`, commit both; OpenApiContractTest checks the
result against real answers of the server."""
import json
import os
E = lambda desc: {"description": desc, "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
def E503():
    r = E("Unavailable: the view is starting, restoring or rebalancing, or min_position was not applied within MIN_POSITION_TIMEOUT_MS")
    r["headers"]["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
    return r
def E405():
    r = E("MethodNotAllowed: wrong method on a known path")
    r["headers"]["Allow"] = {"description": "the methods the path accepts", "schema": {"type": "string"}}
    return r
COMMON_ERR = {"400": E("BadRequest: a query parameter or the body is malformed, repeated, out of range or not allowed; the message names it"),
              "401": E("Unauthorized: x-chroma-token missing, empty, repeated, unknown or revoked"),
              "405": E405(),
              "414": E("UriTooLong: request line over 8 KiB"),
              "431": E("HeadersTooLarge: request headers over 8 KiB"),
              "500": E("InternalError: unexpected failure; the message says nothing internal"),
              "503": E503()}
def errs(*codes, **over):
    out = {}
    for c in codes:
        out[c] = over.get("e"+c) or COMMON_ERR[c]
    return out
def ok(desc, schema, link=False):
    h = {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"},
         "X-View-Lag-Records": {"$ref": "#/components/headers/X-View-Lag-Records"}}
    if link:
        h["Link"] = {"$ref": "#/components/headers/Link"}
    return {"description": desc, "headers": h, "content": {"application/json": {"schema": schema}}}
P = lambda name: {"$ref": "#/components/parameters/" + name}
S = lambda name: {"$ref": "#/components/schemas/" + name}

list_params = [P("database_name"), P("source_type"), P("limit"), P("offset"), P("order_by"), P("cursor"), P("min_position")]
jobs_params = [P("source_id_query"), P("database_name"), P("source_type"), P("status"), P("limit"), P("offset"), P("order_by"), P("cursor"), P("min_position")]

doc = {
 "openapi": "3.1.0",
 "info": {"title": "Chroma Sync Service (read model)",
          "description": "The read API of the Chroma Sync Service, served from a Kafka Streams projection of the sync.sources, sync.jobs and sync.api-keys topics. list_sources keeps the names, operationId and item shape of the original OpenAPI page; the other routes follow the same auth, error, paging and ordering rules. Every error is an ErrorResponse.",
          "license": {"name": ""}, "version": "0.1.0"},
 "servers": [{"url": "/"}],
 "security": [],
 "tags": [{"name": "Source"}, {"name": "Invocation"}, {"name": "Operations"}],
 "paths": {
  "/api/v1/sources": {"get": {
     "tags": ["Source"], "summary": "List sources", "description": "Lists sources owned by a tenant. Each item is an index job record (one invocation of one of the tenant's sources), ordered by created_at then id, both reversed for DESC.",
     "operationId": "list_sources", "parameters": list_params,
     "responses": {"200": ok("Found sources", S("Vec"), link=True), **errs("400", "401"),
                   "403": E("Forbidden: the key is limited to databases that exclude database_name"),
                   "404": E("Source not found: database_name names a database the tenant never had"),
                   **errs("405", "414", "431", "500", "503")},
     "security": [{"x-chroma-token": []}]}},
  "/api/v1/sources/{source_id}": {"get": {
     "tags": ["Source"], "summary": "Get a source", "description": "The flat Source object. Credential fields are never stored or returned. Another tenant's id, an out-of-scope id and a non-UUID id all give the same 404.",
     "operationId": "get_source", "parameters": [P("source_id_path"), P("min_position")],
     "responses": {"200": ok("The source", S("Source")), **errs("400", "401"),
                   "404": E("NotFound: no such source for this key"), **errs("405", "414", "431", "500", "503")},
     "security": [{"x-chroma-token": []}]}},
  "/api/v1/invocations": {"get": {
     "tags": ["Invocation"], "summary": "List invocations", "description": "Lists the tenant's invocations (jobs) with the item shape, paging and order of list_sources. source_id and database_name cannot be combined.",
     "operationId": "list_jobs", "parameters": jobs_params,
     "responses": {"200": ok("Found invocations", S("Vec"), link=True), **errs("400", "401"),
                   "403": E("Forbidden: the key is limited to databases that exclude database_name"),
                   "404": E("NotFound: database_name never existed for the tenant, or source_id is not one of the key's sources"),
                   **errs("405", "414", "431", "500", "503")},
     "security": [{"x-chroma-token": []}]}},
  "/api/v1/invocations/{invocation_id}": {"get": {
     "tags": ["Invocation"], "summary": "Get an invocation", "description": "One job item. Another tenant's id, an out-of-scope id and a non-UUID id all give the same 404.",
     "operationId": "get_invocation", "parameters": [P("invocation_id_path"), P("min_position")],
     "responses": {"200": ok("The invocation", S("JobItem")), **errs("400", "401"),
                   "404": E("NotFound: no such invocation for this key"), **errs("405", "414", "431", "500", "503")},
     "security": [{"x-chroma-token": []}]}},
  "/api/v1/sources/{source_id}/invocations/latest-by-keys": {"post": {
     "tags": ["Invocation"], "summary": "Latest invocation per S3 object key",
     "description": "For an S3 source: maps each given object key that has an invocation on that source to its newest invocation (created_at, then id). Keys with none are left out.",
     "operationId": "get_latest_invocations_by_keys", "parameters": [P("source_id_path"), P("min_position")],
     "requestBody": {"required": True, "content": {"application/json": {"schema": S("LatestByKeysRequest")}}},
     "responses": {"200": ok("The newest invocation per key", {"type": "object", "additionalProperties": S("JobItem")}),
                   "400": E("BadRequest: the body is not {\"object_keys\": [...]} with at most 1000 strings, the source is not an S3 source, or min_position is malformed"),
                   "401": COMMON_ERR["401"],
                   "404": E("NotFound: no such source for this key"),
                   "405": COMMON_ERR["405"],
                   "413": E("PayloadTooLarge: body over 1 MiB"),
                   "414": COMMON_ERR["414"],
                   "415": E("UnsupportedMediaType: the body is not application/json"),
                   **errs("431", "500", "503")},
     "security": [{"x-chroma-token": []}]}},
  "/health": {"get": {
     "tags": ["Operations"], "summary": "Health and lag", "description": "No auth. 200 when the projection is queryable, with how many records the view is behind its input topics, in total and per partition; 503 otherwise.",
     "operationId": "health",
     "responses": {"200": {"description": "Queryable", "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}},
                            "content": {"application/json": {"schema": S("Health")}}},
                   "405": COMMON_ERR["405"], "503": E503()}}},
  "/health/live": {"get": {
     "tags": ["Operations"], "summary": "Liveness", "description": "No auth. 200 while the process can still become ready (starting, restoring and rebalancing included); 503 after a fatal failure of the projection: restart the service.",
     "operationId": "liveness",
     "responses": {"200": {"description": "Live", "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}},
                            "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "additionalProperties": False, "properties": {"status": {"const": "live"}}}}}},
                   "405": COMMON_ERR["405"], "503": E503()}}},
  "/metrics": {"get": {
     "tags": ["Operations"], "summary": "Prometheus metrics", "description": "No auth. Prometheus text exposition: HTTP requests per route and status, events received and dead-lettered, view lag, Kafka Streams, consumer and RocksDB metrics, JVM.",
     "operationId": "metrics",
     "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
                   "405": COMMON_ERR["405"]}}},
  "/openapi.json": {"get": {
     "tags": ["Operations"], "summary": "This document", "operationId": "openapi",
     "responses": {"200": {"description": "The OpenAPI 3.1 document", "content": {"application/json": {"schema": {"type": "object"}}}},
                   "405": COMMON_ERR["405"]}}},
 },
 "components": {
  "securitySchemes": {"x-chroma-token": {"type": "apiKey", "in": "header", "name": "x-chroma-token"}},
  "headers": {
   "X-Request-Id": {"required": True, "description": "A fresh id for this request, also in the server's log lines for it", "schema": {"type": "string"}},
   "X-View-Lag-Records": {"required": True, "description": "How many records of the input topics (all partitions, main and auth consumers) the answering view had not yet applied when it answered; 0 when caught up. Refreshed at most every 250 ms.", "schema": {"type": "integer", "minimum": 0}},
   "Link": {"description": "Present when a full page may have more after it: <path?...&cursor=...>; rel=\"next\"", "schema": {"type": "string"}},
   "Retry-After": {"required": True, "description": "Seconds to wait before retrying", "schema": {"type": "integer", "minimum": 0}}},
  "parameters": {
   "database_name": {"name": "database_name", "in": "query", "description": "Database name", "required": False, "schema": {"type": "string", "minLength": 1, "maxLength": 256}},
   "source_type": {"name": "source_type", "in": "query", "description": "Filter sources by type", "required": False, "schema": S("SourceType")},
   "limit": {"name": "limit", "in": "query", "description": "Limit for pagination. Default is 100", "required": False, "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 100}},
   "offset": {"name": "offset", "in": "query", "description": "Offset for pagination. Default is 0. Any digit string; past the end is an empty page. Cannot be combined with cursor.", "required": False, "schema": {"type": "integer", "minimum": 0, "default": 0}},
   "order_by": {"name": "order_by", "in": "query", "description": "Order results by creation time. Default is DESC", "required": False, "schema": S("OrderBy")},
   "cursor": {"name": "cursor", "in": "query", "description": "Opaque keyset cursor from a previous page's Link header; continues right after that page's last item with the same filters and order. Cannot be combined with offset; a tampered cursor or one from another listing or tenant is a 400.", "required": False, "schema": {"type": "string"}},
   "min_position": {"name": "min_position", "in": "query", "description": "Read-your-writes: <topic>:<partition>:<offset> of a record you produced to sync.sources, sync.jobs or sync.api-keys (repeatable, at most 100). The call waits until the view has applied it, then answers; 503 with Retry-After when it is not applied within MIN_POSITION_TIMEOUT_MS.", "required": False, "explode": True,
                    "schema": {"type": "array", "maxItems": 100, "items": {"type": "string", "pattern": "^[A-Za-z0-9._-]+:[0-9]+:[0-9]+$"}}},
   "source_id_query": {"name": "source_id", "in": "query", "description": "Only invocations of this source", "required": False, "schema": S("SourceId")},
   "status": {"name": "status", "in": "query", "description": "Only invocations in this status", "required": False, "schema": {"type": "string", "enum": ["pending", "processing", "complete", "failed", "cancelled"]}},
   "source_id_path": {"name": "source_id", "in": "path", "required": True, "description": "Source id", "schema": {"type": "string"}},
   "invocation_id_path": {"name": "invocation_id", "in": "path", "required": True, "description": "Invocation (job) id", "schema": {"type": "string"}}},
  "schemas": {
   "ErrorResponse": {"type": "object", "required": ["error", "message"], "additionalProperties": False,
                     "properties": {"error": {"type": "string", "enum": ["BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed", "PayloadTooLarge", "UriTooLong", "UnsupportedMediaType", "HeadersTooLarge", "InternalError", "Unavailable"]},
                                    "message": {"type": "string"}}},
   "SourceType": {"type": "string", "enum": ["github", "web_scrape", "s3"]},
   "OrderBy": {"type": "string", "description": "ASC or DESC, case-insensitive", "pattern": "^([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc])$", "default": "DESC"},
   "JobId": {"type": "string", "format": "uuid", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"},
   "SourceId": {"type": "string", "format": "uuid", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"},
   "Timestamp": {"type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"},
   "Vec": {"type": "array", "items": S("JobItem")},
   "JobItem": {"type": "object", "required": ["id", "status", "metadata", "source_id", "created_at"], "additionalProperties": False,
               "properties": {"created_at": S("Timestamp"), "id": S("JobId"), "metadata": S("IndexJobMetadata"),
                              "source_id": {"oneOf": [S("SourceId"), {"type": "null"}]}, "status": S("JobStatus")}},
   "JobStatus": {"oneOf": [
      {"type": "string", "enum": ["pending", "processing", "cancelled"]},
      {"type": "object", "required": ["complete"], "additionalProperties": False, "properties": {"complete": {
          "type": "object", "required": ["finished_at", "duration_ms"], "additionalProperties": False,
          "properties": {"finished_at": S("Timestamp"), "duration_ms": {"type": "integer", "minimum": 0}}}}},
      {"type": "object", "required": ["failed"], "additionalProperties": False, "properties": {"failed": {
          "type": "object", "required": ["error"], "additionalProperties": False, "properties": {"error": {"type": "string"}}}}}]},
   "IndexJobMetadata": {"description": "The job kind flattened beside database_name and collection_name", "oneOf": [
      {"type": "object", "required": ["github", "database_name", "collection_name"], "additionalProperties": False,
       "properties": {"github": {"type": "object", "required": ["git_ref_identifier"], "additionalProperties": False, "properties": {"git_ref_identifier": S("GitRefIdentifier")}},
                      "database_name": {"type": "string"}, "collection_name": {"type": "string"}}},
      {"type": "object", "required": ["s3", "database_name", "collection_name"], "additionalProperties": False,
       "properties": {"s3": {"type": "object", "required": ["bucket_name", "object_key", "custom_id", "additional_metadata"], "additionalProperties": False,
                             "properties": {"bucket_name": {"type": "string"}, "object_key": {"type": ["string", "null"]}, "custom_id": {"type": ["string", "null"]}, "additional_metadata": {"type": ["object", "null"]}}},
                      "database_name": {"type": "string"}, "collection_name": {"type": "string"}}},
      {"type": "object", "required": ["web_scrape", "database_name", "collection_name"], "additionalProperties": False,
       "properties": {"web_scrape": {"type": "null"}, "database_name": {"type": "string"}, "collection_name": {"type": "string"}}},
      {"type": "object", "required": ["Unknown", "database_name", "collection_name"], "additionalProperties": False,
       "properties": {"Unknown": {"type": "null"}, "database_name": {"type": "string"}, "collection_name": {"type": "string"}}}]},
   "GitRefIdentifier": {"oneOf": [
      {"type": "object", "required": ["branch"], "additionalProperties": False, "properties": {"branch": {"type": "string"}}},
      {"type": "object", "required": ["sha"], "additionalProperties": False, "properties": {"sha": {"type": "string"}}}]},
   "Source": {"type": "object", "description": "Exactly one type key (github, web_scrape, s3 or file_upload) with its config, beside the source's own fields. Omitted settings get defaults: embedding_model {\"model\":\"Qwen/Qwen3-Embedding-0.6B\"}, embedding {\"dense\":{\"model\":\"Qwen/Qwen3-Embedding-0.6B\"}}, chunking tree_sitter 8192 bytes for github, recursive 8192 bytes otherwise.",
              "required": ["id", "database_name", "embedding_model", "chunking", "embedding", "created_at"], "additionalProperties": False,
              "properties": {"github": S("GithubConfig"), "web_scrape": S("WebScrapeConfig"), "s3": S("S3Config"), "file_upload": S("FileUploadConfig"),
                             "id": S("SourceId"), "database_name": {"type": "string"}, "embedding_model": {"type": "object"}, "chunking": {"type": "object"}, "embedding": {"type": "object"}, "created_at": S("Timestamp")},
              "oneOf": [{"required": ["github"]}, {"required": ["web_scrape"]}, {"required": ["s3"]}, {"required": ["file_upload"]}]},
   "GithubConfig": {"type": "object", "required": ["repository", "app_id", "include_globs"], "additionalProperties": False,
                    "properties": {"repository": {"type": "string"}, "app_id": {"type": ["string", "integer", "null"]}, "include_globs": {"type": ["array", "null"], "items": {"type": "string"}}}},
   "WebScrapeConfig": {"type": "object", "required": ["starting_url", "max_depth", "page_limit", "include_path_regexes", "exclude_path_regexes"], "additionalProperties": False,
                       "properties": {"starting_url": {"type": "string"}, "max_depth": {"type": ["integer", "null"], "minimum": 0}, "page_limit": {"type": ["integer", "null"], "minimum": 0},
                                      "include_path_regexes": {"type": ["array", "null"], "items": {"type": "string"}}, "exclude_path_regexes": {"type": ["array", "null"], "items": {"type": "string"}}}},
   "S3Config": {"type": "object", "description": "Never holds aws_access_key_id or aws_secret_access_key.",
                "required": ["bucket_name", "region", "collection_name", "path_prefix", "auto_sync", "aws_credential_id"], "additionalProperties": False,
                "properties": {"bucket_name": {"type": "string"}, "region": {"type": "string"}, "collection_name": {"type": "string"}, "path_prefix": {"type": ["string", "null"]},
                               "auto_sync": {"type": ["boolean", "null"]}, "aws_credential_id": {"type": ["string", "integer", "null"]}}},
   "FileUploadConfig": {"type": "object", "description": "Kept as published, minus credential-named fields.",
                        "not": {"anyOf": [{"required": ["aws_access_key_id"]}, {"required": ["aws_secret_access_key"]}]}},
   "LatestByKeysRequest": {"type": "object", "required": ["object_keys"], "properties": {"object_keys": {"type": "array", "maxItems": 1000, "items": {"type": "string"}}}},
   "Health": {"type": "object", "required": ["status", "lag"], "additionalProperties": False,
              "properties": {"status": {"const": "ok"}, "lag": {"type": "object", "required": ["records", "partitions"], "additionalProperties": False,
                             "properties": {"records": {"type": "integer", "minimum": 0},
                                            "partitions": {"type": "object", "description": "topic-partition -> records behind", "additionalProperties": {"type": "integer", "minimum": 0}}}}}}}}}
json.dump(doc, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'main', 'resources', 'openapi.json'), 'w'), indent=2)
