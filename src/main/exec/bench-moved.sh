#!/bin/sh
# What `mvn -Pbench ...` runs now: the benchmarks moved out of the lab's artifact into bench/pom.xml.
echo "cdc-lab: the benchmarks are a module of their own now (bench/, docs/BENCHMARKS.md). From this folder:" >&2
echo "  mvn -q -DskipTests install && mvn -q -f bench/pom.xml compile exec:java [-Dbench.suite=...]" >&2
exit 2
