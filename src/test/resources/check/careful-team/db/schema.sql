-- A careful team's sales schema, beside its connectors in connect/: ShippedPipelinesCheckTest checks that no
-- static rule fires on this pipeline.
CREATE SCHEMA sales;
CREATE TABLE sales.customers (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      varchar(254) NOT NULL UNIQUE,
    name       varchar(200) NOT NULL,
    country    char(2)      NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE TABLE sales.orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES sales.customers (id),
    amount      numeric(12,2) NOT NULL,
    placed_on   date NOT NULL,
    note        text
);
ALTER TABLE sales.orders REPLICA IDENTITY FULL;   -- note can be long: C5
CREATE TABLE sales.order_events (
    order_id bigint NOT NULL,
    seq      int NOT NULL,
    kind     varchar(20) NOT NULL,
    payload  jsonb
);
ALTER TABLE ONLY sales.order_events ADD CONSTRAINT order_events_pkey PRIMARY KEY (order_id, seq);
ALTER TABLE sales.order_events REPLICA IDENTITY FULL;
CREATE TABLE sales.audit_log (at timestamptz NOT NULL, who varchar(64) NOT NULL, what varchar(200) NOT NULL);
CREATE UNIQUE INDEX audit_log_at_who ON sales.audit_log (at, who);
ALTER TABLE sales.audit_log REPLICA IDENTITY USING INDEX audit_log_at_who;
