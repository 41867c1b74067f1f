package io.cdclab.gluelake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The IAM policy the Iceberg sink's role holds: the smallest set of actions with which the whole pipeline ran
 * (G1, and each of G4's removals fails a named step). Glue statements name {@code *}: moto matches Glue resources
 * only against {@code *}, and on real AWS a team narrows them to its catalog, database and table ARNs.
 */
public record SinkPolicy(List<String> glueActions, List<String> s3ObjectActions, List<String> s3BucketActions) {

    /** What GlueCatalog + S3FileIO do for the sink: create its database and tables, load, commit, write files. */
    public static SinkPolicy minimal() {
        return new SinkPolicy(
                List.of("glue:GetDatabase", "glue:CreateDatabase", "glue:GetTable", "glue:CreateTable",
                        "glue:UpdateTable"),
                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
                List.of("s3:ListBucket", "s3:GetBucketLocation"));
    }

    /** The same policy without {@code action}, for G4. */
    public SinkPolicy without(String action) {
        if (!actions().contains(action)) {
            throw new IllegalArgumentException(action + " is not in the sink policy " + actions());
        }
        return new SinkPolicy(glueActions.stream().filter(a -> !a.equals(action)).toList(),
                s3ObjectActions.stream().filter(a -> !a.equals(action)).toList(),
                s3BucketActions.stream().filter(a -> !a.equals(action)).toList());
    }

    public List<String> actions() {
        return Stream.of(glueActions, s3ObjectActions, s3BucketActions).flatMap(List::stream).toList();
    }

    /** The policy document for objects below {@code s3://bucket/prefix/}. */
    public String document(String bucket, String prefix) {
        String objects = "arn:aws:s3:::" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "*";
        List<Map<String, Object>> statements = new ArrayList<>();
        if (!glueActions.isEmpty()) {
            statements.add(statement("IcebergCatalogInGlue", glueActions, List.of("*")));
        }
        if (!s3ObjectActions.isEmpty()) {
            statements.add(statement("IcebergFilesInS3", s3ObjectActions, List.of(objects)));
        }
        if (!s3BucketActions.isEmpty()) {
            statements.add(statement("TheLakeBucket", s3BucketActions, List.of("arn:aws:s3:::" + bucket)));
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements);
        return json(policy);
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        s.put("Action", actions);
        s.put("Resource", resources);
        return s;
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
