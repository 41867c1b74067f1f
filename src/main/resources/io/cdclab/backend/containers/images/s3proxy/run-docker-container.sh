#!/bin/sh
# andrewgaul/s3proxy's variables, written to a properties file (owner-only) instead of -D flags, so that no key
# shows in the process list: S3PROXY_ENDPOINT, S3PROXY_AUTHORIZATION, S3PROXY_IDENTITY / S3PROXY_CREDENTIAL (or
# their *_FILE, read at every start), S3PROXY_VIRTUALHOST, S3PROXY_CORS_ALLOW_ALL, S3PROXY_IGNORE_UNKNOWN_HEADERS,
# JCLOUDS_PROVIDER, JCLOUDS_ENDPOINT, JCLOUDS_REGION, JCLOUDS_IDENTITY, JCLOUDS_CREDENTIAL,
# JCLOUDS_FILESYSTEM_BASEDIR, S3PROXY_JAVA_OPTS, LOG_LEVEL.
set -eu
[ -z "${S3PROXY_IDENTITY_FILE:-}" ] || S3PROXY_IDENTITY=$(cat "$S3PROXY_IDENTITY_FILE")
[ -z "${S3PROXY_CREDENTIAL_FILE:-}" ] || S3PROXY_CREDENTIAL=$(cat "$S3PROXY_CREDENTIAL_FILE")
umask 077
properties=$(mktemp)
put() { [ -z "$2" ] || printf '%s=%s\n' "$1" "$2" >> "$properties"; }
put s3proxy.endpoint "${S3PROXY_ENDPOINT:-}"
put s3proxy.authorization "${S3PROXY_AUTHORIZATION:-}"
put s3proxy.identity "${S3PROXY_IDENTITY:-}"
put s3proxy.credential "${S3PROXY_CREDENTIAL:-}"
put s3proxy.virtual-host "${S3PROXY_VIRTUALHOST:-}"
put s3proxy.cors-allow-all "${S3PROXY_CORS_ALLOW_ALL:-}"
put s3proxy.ignore-unknown-headers "${S3PROXY_IGNORE_UNKNOWN_HEADERS:-}"
put jclouds.provider "${JCLOUDS_PROVIDER:-}"
put jclouds.endpoint "${JCLOUDS_ENDPOINT:-}"
put jclouds.region "${JCLOUDS_REGION:-}"
put jclouds.identity "${JCLOUDS_IDENTITY:-}"
put jclouds.credential "${JCLOUDS_CREDENTIAL:-}"
put jclouds.filesystem.basedir "${JCLOUDS_FILESYSTEM_BASEDIR:-}"
# shellcheck disable=SC2086 # S3PROXY_JAVA_OPTS is a list of JVM arguments
exec java ${S3PROXY_JAVA_OPTS:-} -DLOG_LEVEL="${LOG_LEVEL:-info}" -Dlogback.configurationFile=/opt/s3proxy/logback.xml -cp '/opt/s3proxy/lib/*' org.gaul.s3proxy.Main \
  --properties "$properties"
