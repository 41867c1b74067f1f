package io.cdclab.cli;

import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import org.apache.iceberg.IcebergBuild;
import org.postgresql.util.DriverInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ready-to-paste lines a person logs in with, all reading the run's secrets from the sourced login file:
 * none of them holds a value, so printing them leaks nothing.
 */
final class LoginHints {
    private LoginHints() {
    }

    static void print(PrintStream out, RunningTopology lab, Path loginFile, Optional<Pipeline> demo) {
        String catalog = lab.catalog().name();
        String topic = demo.map(p -> p.topic("customers")).orElse(null);
        String table = demo.map(p -> p.icebergTable("customers")).orElse(null); // qualified with the catalog
        out.println();
        out.println("Log in: passwords and keys of this run are in " + loginFile + " (owner-only, deleted at stop):");
        out.println("  source " + loginFile);
        out.println("  psql -c '" + (demo.isPresent() ? "TABLE public.customers" : "\\dt") + "'");
        out.println("  kafka-console-consumer.sh --bootstrap-server \"$KAFKA_BOOTSTRAP_SERVERS\" "
                + (topic == null ? "--include 'cdc_.*'" : "--topic " + topic) + " --from-beginning --property print.key=true");
        out.println("  kcat -b \"$KAFKA_BOOTSTRAP_SERVERS\" -C -e -K' => ' " + (topic == null ? "-L" : "-t " + topic));
        out.println("  curl -s \"$CONNECT_URL/connectors?expand=status\"");
        if (lab.objectStore().endpoint().isPresent()) {
            out.println("  aws s3 ls --recursive --endpoint-url \"$S3_ENDPOINT\" \"$LAB_WAREHOUSE/\"");
        } else {
            out.println("  aws s3 ls --recursive \"$LAB_WAREHOUSE/\"      # with your own AWS credentials");
        }
        out.println("  spark-sql --packages " + sparkPackages() + " $" + LoginFile.SPARK_CONF_VAR
                + " -e '" + (table == null ? "SHOW NAMESPACES IN " + catalog : "SELECT * FROM " + table) + "'");
        out.println("  mvn test -Dtest=KeysScenariosTest $" + LoginFile.EXTERNAL_ARGS_VAR
                + "      # the suite against this topology (external backend)");
    }

    /** The Spark-side jars for the lake, at the versions the lab itself reads it with. */
    private static String sparkPackages() {
        String iceberg = IcebergBuild.version();
        String spark = org.apache.spark.package$.MODULE$.SPARK_VERSION();
        String sparkMinor = spark.substring(0, spark.indexOf('.', spark.indexOf('.') + 1));
        return "org.apache.iceberg:iceberg-spark-runtime-" + sparkMinor + "_2.13:" + iceberg
                + ",org.apache.iceberg:iceberg-aws-bundle:" + iceberg
                + ",org.postgresql:postgresql:" + DriverInfo.DRIVER_VERSION;
    }
}
