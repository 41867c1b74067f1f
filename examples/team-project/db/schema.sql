-- The shop's tables as the application's migrations create them, plus a little starting data
-- (which Debezium's initial snapshot captures). One statement per line-ending semicolon.

CREATE SCHEMA shop;

CREATE TABLE shop.customers (
    customer_id bigint PRIMARY KEY,
    email       text    NOT NULL UNIQUE,
    full_name   text    NOT NULL,
    country     char(2) NOT NULL,
    vip         boolean NOT NULL DEFAULT false
);

CREATE TABLE shop.orders (
    order_id    bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers,
    status      text   NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'cancelled')),
    total       numeric(12,2) NOT NULL
);

-- A composite key: an order's lines are numbered within the order.
CREATE TABLE shop.order_lines (
    order_id   bigint NOT NULL REFERENCES shop.orders ON DELETE CASCADE,
    line_no    int    NOT NULL,
    sku        text   NOT NULL,
    quantity   int    NOT NULL CHECK (quantity > 0),
    unit_price numeric(10,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- The storefront's click stream: append-only and without a primary key, as such logs often are.
-- (PostgreSQL refuses UPDATE and DELETE on it once it is published without a replica identity.)
CREATE TABLE shop.page_views (
    viewed_at   timestamptz NOT NULL DEFAULT now(),
    customer_id bigint,
    path        text NOT NULL
);

INSERT INTO shop.customers VALUES
    (1, 'mara@example.com', 'Mara Lind', 'SE', false),
    (2, 'tomas@example.com', 'Tomás Ruiz', 'ES', true),
    (3, 'ines@example.com', 'Inès Faure', 'FR', false);

INSERT INTO shop.orders VALUES
    (100, 1, 'paid', 42.90),
    (101, 2, 'placed', 15.00);

INSERT INTO shop.order_lines VALUES
    (100, 1, 'MUG-BLUE', 2, 12.95),
    (100, 2, 'TEA-250G', 1, 17.00),
    (101, 1, 'SOCKS-M', 3, 5.00);

INSERT INTO shop.page_views (customer_id, path) VALUES
    (1, '/'), (1, '/mugs'), (NULL, '/');
