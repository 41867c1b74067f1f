-- A team's schema with one problem per table for the dynamic probe (CheckProbeTest); fixed-schema.sql fixes each.
CREATE SCHEMA probe_broken;

-- K3: keyless, default replica identity: once published, PostgreSQL refuses its UPDATE and DELETE.
CREATE TABLE probe_broken.page_views (url text NOT NULL, seconds int);

-- C4: a time column under time.precision.mode=connect becomes an Iceberg time, which Spark cannot read.
CREATE TABLE probe_broken.shifts (id int PRIMARY KEY, starts time NOT NULL, day date);

-- C4: unconstrained numeric arrives as a struct; timestamptz as ISO text.
CREATE TABLE probe_broken.prices (id bigint PRIMARY KEY, amount numeric NOT NULL CHECK (amount <> 0), listed timestamptz);

-- C5: a large text value left unchanged by an UPDATE, default replica identity.
CREATE TABLE probe_broken.documents (
    id      int PRIMARY KEY,
    version int NOT NULL,
    body    text,
    title   varchar(40),
    tags    text[],
    meta    jsonb,
    uid     uuid UNIQUE,
    flag    boolean,
    blob    bytea,
    big     bigint,
    small   smallint,
    ratio   real
);

-- K7: a partitioned table captured by its parent under Debezium's filtered publication: its partitions' changes are lost.
CREATE TABLE probe_broken.readings (id int NOT NULL, value numeric(8,2), PRIMARY KEY (id)) PARTITION BY RANGE (id);
CREATE TABLE probe_broken.readings_low PARTITION OF probe_broken.readings FOR VALUES FROM (MINVALUE) TO (1000);
CREATE TABLE probe_broken.readings_high PARTITION OF probe_broken.readings FOR VALUES FROM (1000) TO (MAXVALUE);
