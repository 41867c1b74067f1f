#!/bin/sh
# What `mvn exec:exec` runs now: the main job moved to exec:java (see lab/pom.xml).
echo "cdc-lab: the main job runs with \`mvn -q compile exec:java\` (it passes on -Dlab.* and -Paws, and stops the servers in order on Ctrl-C); exec:exec is no longer used." >&2
exit 2
