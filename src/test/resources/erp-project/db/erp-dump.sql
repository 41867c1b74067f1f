--
-- PostgreSQL database dump
--

-- Dumped from database version 16.4
-- Dumped by pg_dump version 16.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: erp; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA erp;


ALTER SCHEMA erp OWNER TO app_owner;

--
-- Name: SCHEMA erp; Type: COMMENT; Schema: -; Owner: app_owner
--

COMMENT ON SCHEMA erp IS 'Orders, stock and purchasing of a small wholesale and web shop';


--
-- Name: country_code; Type: DOMAIN; Schema: erp; Owner: app_owner
--

CREATE DOMAIN erp.country_code AS character(2)
	CONSTRAINT country_code_check CHECK ((VALUE ~ '^[A-Z]{2}$'::text));


ALTER DOMAIN erp.country_code OWNER TO app_owner;

--
-- Name: email_address; Type: DOMAIN; Schema: erp; Owner: app_owner
--

CREATE DOMAIN erp.email_address AS text
	CONSTRAINT email_address_check CHECK ((VALUE ~* '^[^@\s]+@[^@\s]+\.[a-z]{2,}$'::text));


ALTER DOMAIN erp.email_address OWNER TO app_owner;

--
-- Name: customer_tier; Type: TYPE; Schema: erp; Owner: app_owner
--

CREATE TYPE erp.customer_tier AS ENUM (
    'standard',
    'silver',
    'gold'
);


ALTER TYPE erp.customer_tier OWNER TO app_owner;

--
-- Name: order_status; Type: TYPE; Schema: erp; Owner: app_owner
--

CREATE TYPE erp.order_status AS ENUM (
    'placed',
    'paid',
    'packed',
    'shipped',
    'delivered',
    'cancelled'
);


ALTER TYPE erp.order_status OWNER TO app_owner;

--
-- Name: po_status; Type: TYPE; Schema: erp; Owner: app_owner
--

CREATE TYPE erp.po_status AS ENUM (
    'draft',
    'sent',
    'confirmed',
    'received'
);


ALTER TYPE erp.po_status OWNER TO app_owner;

--
-- Name: available_stock(bigint); Type: FUNCTION; Schema: erp; Owner: app_owner
--

CREATE FUNCTION erp.available_stock(p_product_id bigint) RETURNS integer
    LANGUAGE sql STABLE
    AS $_$
  -- on hand minus reserved, over every warehouse; a product without stock has 0
  SELECT coalesce(sum(i.on_hand - i.reserved), 0)::integer
    FROM erp.inventory i
   WHERE i.product_id = $1;
$_$;


ALTER FUNCTION erp.available_stock(p_product_id bigint) OWNER TO app_owner;

--
-- Name: FUNCTION available_stock(p_product_id bigint); Type: COMMENT; Schema: erp; Owner: app_owner
--

COMMENT ON FUNCTION erp.available_stock(p_product_id bigint) IS 'Units that can be sold now; "reserved" units belong to open orders';


--
-- Name: set_updated_at(); Type: FUNCTION; Schema: erp; Owner: app_owner
--

CREATE FUNCTION erp.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  -- every UPDATE stamps the row; a statement inside the body; ends here
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;


ALTER FUNCTION erp.set_updated_at() OWNER TO app_owner;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: addresses; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.addresses (
    address_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    kind text NOT NULL,
    line1 text NOT NULL,
    line2 text,
    city text NOT NULL,
    postal_code character varying(16) NOT NULL,
    country erp.country_code NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    CONSTRAINT addresses_kind_check CHECK ((kind = ANY (ARRAY['billing'::text, 'shipping'::text])))
);


ALTER TABLE erp.addresses OWNER TO app_owner;

--
-- Name: audit_log; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.audit_log (
    logged_at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id bigint,
    details jsonb
);


ALTER TABLE erp.audit_log OWNER TO app_owner;

--
-- Name: TABLE audit_log; Type: COMMENT; Schema: erp; Owner: app_owner
--

COMMENT ON TABLE erp.audit_log IS 'Who did what; no key, so the whole row identifies it (REPLICA IDENTITY FULL)';


--
-- Name: categories; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.categories (
    category_id integer NOT NULL,
    parent_id integer,
    name text NOT NULL,
    slug character varying(64) NOT NULL
);


ALTER TABLE erp.categories OWNER TO app_owner;

--
-- Name: customers; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.customers (
    customer_id bigint NOT NULL,
    customer_uuid uuid NOT NULL,
    email erp.email_address NOT NULL,
    full_name text NOT NULL,
    country erp.country_code NOT NULL,
    tier erp.customer_tier DEFAULT 'standard'::erp.customer_tier NOT NULL,
    marketing_opt_in boolean DEFAULT false NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone
);


ALTER TABLE erp.customers OWNER TO app_owner;

--
-- Name: COLUMN customers.tags; Type: COMMENT; Schema: erp; Owner: app_owner
--

COMMENT ON COLUMN erp.customers.tags IS 'Free labels set by the sales team; e.g. {vip,newsletter}';


--
-- Name: customers_customer_id_seq; Type: SEQUENCE; Schema: erp; Owner: app_owner
--

CREATE SEQUENCE erp.customers_customer_id_seq
    START WITH 1001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE erp.customers_customer_id_seq OWNER TO app_owner;

--
-- Name: customers_customer_id_seq; Type: SEQUENCE OWNED BY; Schema: erp; Owner: app_owner
--

ALTER SEQUENCE erp.customers_customer_id_seq OWNED BY erp.customers.customer_id;


--
-- Name: inventory; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.inventory (
    warehouse_code character(3) NOT NULL,
    product_id bigint NOT NULL,
    on_hand integer DEFAULT 0 NOT NULL,
    reserved integer DEFAULT 0 NOT NULL,
    reorder_level integer,
    last_counted date,
    CONSTRAINT inventory_check CHECK (((reserved >= 0) AND (reserved <= on_hand)))
);


ALTER TABLE erp.inventory OWNER TO app_owner;

--
-- Name: order_events; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.order_events (
    event_id bigint NOT NULL,
    order_id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    event_type text NOT NULL,
    payload jsonb
)
PARTITION BY RANGE (occurred_at);


ALTER TABLE erp.order_events OWNER TO app_owner;

--
-- Name: TABLE order_events; Type: COMMENT; Schema: erp; Owner: app_owner
--

COMMENT ON TABLE erp.order_events IS 'Each order''s history, one partition per year; published through its root (publication erp_cdc)';


--
-- Name: order_events_2025; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.order_events_2025 (
    event_id bigint NOT NULL,
    order_id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    event_type text NOT NULL,
    payload jsonb
);


ALTER TABLE erp.order_events_2025 OWNER TO app_owner;

--
-- Name: order_events_2026; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.order_events_2026 (
    event_id bigint NOT NULL,
    order_id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    event_type text NOT NULL,
    payload jsonb
);


ALTER TABLE erp.order_events_2026 OWNER TO app_owner;

--
-- Name: order_events_default; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.order_events_default (
    event_id bigint NOT NULL,
    order_id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    event_type text NOT NULL,
    payload jsonb
);


ALTER TABLE erp.order_events_default OWNER TO app_owner;

--
-- Name: order_lines; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.order_lines (
    order_id bigint NOT NULL,
    line_no smallint NOT NULL,
    product_id bigint NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    discount numeric(5,4) DEFAULT 0 NOT NULL,
    CONSTRAINT order_lines_quantity_check CHECK ((quantity > 0))
);


ALTER TABLE erp.order_lines OWNER TO app_owner;

--
-- Name: orders; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.orders (
    order_id bigint NOT NULL,
    order_uuid uuid NOT NULL,
    customer_id bigint NOT NULL,
    status erp.order_status DEFAULT 'placed'::erp.order_status NOT NULL,
    placed_at timestamp with time zone NOT NULL,
    currency character(3) DEFAULT 'EUR'::bpchar NOT NULL,
    total numeric(14,2) NOT NULL,
    shipping_address_id bigint,
    notes text
);


ALTER TABLE erp.orders OWNER TO app_owner;

--
-- Name: payments; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.payments (
    payment_id uuid NOT NULL,
    order_id bigint NOT NULL,
    method text NOT NULL,
    amount numeric(14,2) NOT NULL,
    captured_at timestamp with time zone,
    provider_response jsonb
);


ALTER TABLE erp.payments OWNER TO app_owner;

--
-- Name: products; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.products (
    product_id bigint NOT NULL,
    sku character varying(32) NOT NULL,
    category_id integer NOT NULL,
    supplier_id integer,
    name text NOT NULL,
    description text,
    price numeric(12,2) NOT NULL,
    weight_g integer,
    dimensions_mm integer[],
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    thumbnail bytea,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT products_price_check CHECK ((price >= (0)::numeric))
);


ALTER TABLE erp.products OWNER TO app_owner;

--
-- Name: purchase_orders; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.purchase_orders (
    po_id bigint NOT NULL,
    supplier_id integer NOT NULL,
    status erp.po_status DEFAULT 'draft'::erp.po_status NOT NULL,
    ordered_on date NOT NULL,
    expected_on date,
    total numeric(14,2) NOT NULL,
    lines jsonb NOT NULL
);


ALTER TABLE erp.purchase_orders OWNER TO app_owner;

--
-- Name: reviews; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.reviews (
    review_id bigint NOT NULL,
    product_id bigint NOT NULL,
    customer_id bigint NOT NULL,
    rating smallint NOT NULL,
    title text NOT NULL,
    body text,
    helpful_votes integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reviews_rating_check CHECK (((rating >= 1) AND (rating <= 5)))
);


ALTER TABLE erp.reviews OWNER TO app_owner;

--
-- Name: reviews_review_id_seq; Type: SEQUENCE; Schema: erp; Owner: app_owner
--

ALTER TABLE erp.reviews ALTER COLUMN review_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME erp.reviews_review_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: shipments; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.shipments (
    shipment_id bigint NOT NULL,
    order_id bigint NOT NULL,
    carrier text NOT NULL,
    tracking_no text,
    parcel_weights_g integer[],
    shipped_at timestamp with time zone,
    delivered_at timestamp with time zone,
    label_pdf bytea
);


ALTER TABLE erp.shipments OWNER TO app_owner;

--
-- Name: suppliers; Type: TABLE; Schema: erp; Owner: app_owner
--

CREATE TABLE erp.suppliers (
    supplier_id integer NOT NULL,
    name text NOT NULL,
    contact jsonb,
    country erp.country_code NOT NULL,
    rating numeric(3,2),
    active boolean DEFAULT true NOT NULL
);


ALTER TABLE erp.suppliers OWNER TO app_owner;

--
-- Name: open_orders; Type: VIEW; Schema: erp; Owner: app_owner
--

CREATE VIEW erp.open_orders AS
 SELECT o.order_id,
    c.full_name,
    o.status,
    o.total
   FROM (erp.orders o
     JOIN erp.customers c ON ((c.customer_id = o.customer_id)))
  WHERE (o.status <> ALL (ARRAY['delivered'::erp.order_status, 'cancelled'::erp.order_status]));


ALTER VIEW erp.open_orders OWNER TO app_owner;

--
-- Name: order_events_2025; Type: TABLE ATTACH; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events ATTACH PARTITION erp.order_events_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


--
-- Name: order_events_2026; Type: TABLE ATTACH; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events ATTACH PARTITION erp.order_events_2026 FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');


--
-- Name: order_events_default; Type: TABLE ATTACH; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events ATTACH PARTITION erp.order_events_default DEFAULT;


--
-- Name: customers customer_id; Type: DEFAULT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.customers ALTER COLUMN customer_id SET DEFAULT nextval('erp.customers_customer_id_seq'::regclass);


--
-- Data for Name: addresses; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.addresses (address_id, customer_id, kind, line1, line2, city, postal_code, country, is_default) FROM stdin;
2001	1001	shipping	Storgatan 12	\N	Göteborg	411 38	SE	t
2002	1001	billing	Box 4471	c/o Lindqvist AB	Göteborg	411 04	SE	f
2003	1002	shipping	Calle de Alcalá 27, 3º izq.	\N	Madrid	28014	ES	t
2004	1003	shipping	8 rue de l'Église	Bâtiment B\tporte 2	Lyon	69002	FR	t
2005	1004	shipping	中山路 88 号	\N	厦门	361001	CN	t
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.audit_log (logged_at, actor, action, entity, entity_id, details) FROM stdin;
2025-05-02 08:00:01.5+00	system	import	suppliers	\N	{"rows": 3, "source": "legacy-erp"}
2025-05-03 09:10:00+00	asa.admin	update	products	3002	{"price": {"to": 18.90, "from": 17.50}}
2025-06-11 14:22:09+00	batch	recount	inventory	\N	{"warehouse": "GOT"}
\.


--
-- Data for Name: categories; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.categories (category_id, parent_id, name, slug) FROM stdin;
10	\N	Kitchen	kitchen
11	10	Tea & Coffee	tea-coffee
12	10	Crockery	crockery
20	\N	Stationery	stationery
21	20	Notebooks	notebooks
\.


--
-- Data for Name: customers; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.customers (customer_id, customer_uuid, email, full_name, country, tier, marketing_opt_in, tags, created_at, updated_at) FROM stdin;
1001	6f1c1a52-8a4e-4c35-9b61-1d2f4a7e0a01	asa@example.se	Åsa Lindqvist	SE	gold	t	{vip,newsletter}	2025-01-14 09:12:00+00	\N
1002	0b6f2d0e-3c7a-4f8e-8d51-5a9c3e2b7f12	jose@example.es	José Núñez	ES	standard	f	{}	2025-02-03 17:45:10.25+00	\N
1003	c3a8e4f1-27d9-4b0c-a6e2-9f1d8b7c6a23	zoe@example.fr	Zoë Dubois	FR	silver	t	{newsletter}	2025-03-22 08:00:00+00	2025-04-01 10:00:00+00
1004	9e2d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c34	chen.jing@example.cn	陈静	CN	standard	f	{wholesale,"net 30"}	2025-05-05 03:30:00+00	\N
1005	47b1e0d9-8c3f-4a2e-9d1c-0b7a6f5e4d45	omer@example.com.tr	Ömer Yılmaz	TR	standard	t	{}	2025-06-30 21:05:59.999999+00	\N
\.


--
-- Data for Name: inventory; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.inventory (warehouse_code, product_id, on_hand, reserved, reorder_level, last_counted) FROM stdin;
GOT	3001	120	4	20	2025-06-11
GOT	3002	35	2	10	2025-06-11
GOT	3003	8	0	10	2025-06-11
MAD	3001	60	0	20	2025-06-02
MAD	3004	400	25	100	2025-06-02
\.


--
-- Data for Name: order_events_2025; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.order_events_2025 (event_id, order_id, occurred_at, event_type, payload) FROM stdin;
7001	4001	2025-06-01 10:15:00+00	placed	{"channel": "web"}
7002	4001	2025-06-01 10:16:30+00	paid	{"method": "card"}
7003	4002	2025-12-31 23:59:59.5+00	placed	{"channel": "phone", "agent": "Zoë"}
\.


--
-- Data for Name: order_events_2026; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.order_events_2026 (event_id, order_id, occurred_at, event_type, payload) FROM stdin;
7004	4003	2026-01-02 08:00:00+00	placed	{"channel": "web"}
\.


--
-- Data for Name: order_lines; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.order_lines (order_id, line_no, product_id, quantity, unit_price, discount) FROM stdin;
4001	1	3001	2	12.50	0.0000
4001	2	3002	1	18.90	0.1000
4002	1	3004	40	2.35	0.0500
4003	1	3003	1	89.00	0.0000
4003	2	3001	6	12.50	0.0000
\.


--
-- Data for Name: orders; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.orders (order_id, order_uuid, customer_id, status, placed_at, currency, total, shipping_address_id, notes) FROM stdin;
4001	1d7e2a8b-6c5f-4e1d-9a3b-2c4d6e8f0a56	1001	paid	2025-06-01 10:15:00+00	SEK	42.01	2001	Ring the bell twice; leave at door
4002	2e8f3b9c-7d6a-4f2e-8b4c-3d5e7f9a1b67	1004	placed	2025-12-31 23:59:59.5+00	EUR	89.30	2005	发票抬头: 陈静
4003	3f9a4c0d-8e7b-4a3f-9c5d-4e6f8a0b2c78	1003	placed	2026-01-02 08:00:00+00	EUR	164.00	2004	\N
\.


--
-- Data for Name: payments; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.payments (payment_id, order_id, method, amount, captured_at, provider_response) FROM stdin;
5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01	4001	card	42.01	2025-06-01 10:16:30+00	{"psp": "stripe-like", "ok": true, "3ds": "frictionless"}
\.


--
-- Data for Name: products; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.products (product_id, sku, category_id, supplier_id, name, description, price, weight_g, dimensions_mm, attributes, thumbnail, active) FROM stdin;
3001	TEA-SENCHA-100	11	501	Sencha, 100 g	Japanese green tea; steep at 70 °C	12.50	110	{120,80,40}	{"origin": "Shizuoka", "organic": true}	\\x89504e470d0a1a0a	t
3002	MUG-STONE-GRY	12	502	Stoneware mug, grey	\N	18.90	420	{95,95,105}	{"dishwasher": true, "volume_ml": 350}	\N	t
3003	KETTLE-GOOSE	10	502	Gooseneck kettle 0.8 l	Stainless steel\twith thermometer	89.00	900	{280,160,190}	{"volts": [220, 240]}	\\xffd8ffe0	t
3004	NB-A5-DOT	21	503	Notebook A5, dotted	Cahier pointillé, 96 pages, papier 100 g/m²	2.35	180	\N	{}	\N	t
\.


--
-- Data for Name: purchase_orders; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.purchase_orders (po_id, supplier_id, status, ordered_on, expected_on, total, lines) FROM stdin;
6001	501	received	2025-05-10	2025-05-24	1250.00	[{"qty": 200, "sku": "TEA-SENCHA-100", "cost": 6.25}]
6002	503	sent	2025-06-12	\N	940.00	[{"qty": 1000, "sku": "NB-A5-DOT", "cost": 0.94}]
\.


--
-- Data for Name: reviews; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.reviews (review_id, product_id, customer_id, rating, title, body, helpful_votes, created_at) FROM stdin;
1	3001	1001	5	Bästa teet!	Fräsch och grön, precis som i Shizuoka.	3	2025-06-20 19:00:00+00
2	3002	1002	4	Buena taza	Un poco pesada, pero mantiene el café caliente.	0	2025-07-01 07:45:00+00
3	3001	1004	2	一般	\N	1	2025-07-15 12:00:00+00
\.


--
-- Data for Name: shipments; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.shipments (shipment_id, order_id, carrier, tracking_no, parcel_weights_g, shipped_at, delivered_at, label_pdf) FROM stdin;
8001	4001	PostNord	SE123456789	{640}	2025-06-02 15:00:00+00	\N	\\x255044462d312e34
\.


--
-- Data for Name: suppliers; Type: TABLE DATA; Schema: erp; Owner: app_owner
--

COPY erp.suppliers (supplier_id, name, contact, country, rating, active) FROM stdin;
501	Shizuoka Tea Cooperative	{"name": "Sato Haruki", "email": "export@example.jp"}	JP	4.80	t
502	Nordisk Keramik AB	{"name": "Erik Ström", "phone": "+46 31 555 01 02"}	SE	4.25	t
503	Papeterie Durand & Fils	\N	FR	3.90	t
\.


--
-- Name: customers_customer_id_seq; Type: SEQUENCE SET; Schema: erp; Owner: app_owner
--

SELECT pg_catalog.setval('erp.customers_customer_id_seq', 1005, true);


--
-- Name: reviews_review_id_seq; Type: SEQUENCE SET; Schema: erp; Owner: app_owner
--

SELECT pg_catalog.setval('erp.reviews_review_id_seq', 3, true);


--
-- Name: addresses addresses_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.addresses
    ADD CONSTRAINT addresses_pkey PRIMARY KEY (address_id);


--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (category_id);


--
-- Name: categories categories_slug_key; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.categories
    ADD CONSTRAINT categories_slug_key UNIQUE (slug);


--
-- Name: customers customers_customer_uuid_key; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.customers
    ADD CONSTRAINT customers_customer_uuid_key UNIQUE (customer_uuid);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (customer_id);


--
-- Name: inventory inventory_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.inventory
    ADD CONSTRAINT inventory_pkey PRIMARY KEY (warehouse_code, product_id);


--
-- Name: order_events order_events_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events
    ADD CONSTRAINT order_events_pkey PRIMARY KEY (event_id, occurred_at);


--
-- Name: order_events_2025 order_events_2025_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events_2025
    ADD CONSTRAINT order_events_2025_pkey PRIMARY KEY (event_id, occurred_at);


--
-- Name: order_events_2026 order_events_2026_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events_2026
    ADD CONSTRAINT order_events_2026_pkey PRIMARY KEY (event_id, occurred_at);


--
-- Name: order_events_default order_events_default_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_events_default
    ADD CONSTRAINT order_events_default_pkey PRIMARY KEY (event_id, occurred_at);


--
-- Name: order_lines order_lines_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);


--
-- Name: orders orders_order_uuid_key; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.orders
    ADD CONSTRAINT orders_order_uuid_key UNIQUE (order_uuid);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (order_id);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (payment_id);


--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (product_id);


--
-- Name: products products_sku_key; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.products
    ADD CONSTRAINT products_sku_key UNIQUE (sku);


--
-- Name: purchase_orders purchase_orders_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.purchase_orders
    ADD CONSTRAINT purchase_orders_pkey PRIMARY KEY (po_id);


--
-- Name: reviews reviews_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.reviews
    ADD CONSTRAINT reviews_pkey PRIMARY KEY (review_id);


--
-- Name: shipments shipments_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.shipments
    ADD CONSTRAINT shipments_pkey PRIMARY KEY (shipment_id);


--
-- Name: suppliers suppliers_pkey; Type: CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.suppliers
    ADD CONSTRAINT suppliers_pkey PRIMARY KEY (supplier_id);


--
-- Name: audit_log; Type: REPLICA IDENTITY; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.audit_log REPLICA IDENTITY FULL;


--
-- Name: orders_customer_id_idx; Type: INDEX; Schema: erp; Owner: app_owner
--

CREATE INDEX orders_customer_id_idx ON erp.orders USING btree (customer_id);


--
-- Name: order_events_2025_pkey; Type: INDEX ATTACH; Schema: erp; Owner: app_owner
--

ALTER INDEX erp.order_events_pkey ATTACH PARTITION erp.order_events_2025_pkey;


--
-- Name: order_events_2026_pkey; Type: INDEX ATTACH; Schema: erp; Owner: app_owner
--

ALTER INDEX erp.order_events_pkey ATTACH PARTITION erp.order_events_2026_pkey;


--
-- Name: order_events_default_pkey; Type: INDEX ATTACH; Schema: erp; Owner: app_owner
--

ALTER INDEX erp.order_events_pkey ATTACH PARTITION erp.order_events_default_pkey;


--
-- Name: customers customers_set_updated_at; Type: TRIGGER; Schema: erp; Owner: app_owner
--

CREATE TRIGGER customers_set_updated_at BEFORE UPDATE ON erp.customers FOR EACH ROW EXECUTE FUNCTION erp.set_updated_at();


--
-- Name: addresses addresses_customer_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.addresses
    ADD CONSTRAINT addresses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES erp.customers(customer_id) ON DELETE CASCADE;


--
-- Name: categories categories_parent_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.categories
    ADD CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES erp.categories(category_id);


--
-- Name: inventory inventory_product_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.inventory
    ADD CONSTRAINT inventory_product_id_fkey FOREIGN KEY (product_id) REFERENCES erp.products(product_id);


--
-- Name: order_lines order_lines_order_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_lines
    ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES erp.orders(order_id) ON DELETE CASCADE;


--
-- Name: order_lines order_lines_product_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.order_lines
    ADD CONSTRAINT order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES erp.products(product_id);


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES erp.customers(customer_id);


--
-- Name: orders orders_shipping_address_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.orders
    ADD CONSTRAINT orders_shipping_address_id_fkey FOREIGN KEY (shipping_address_id) REFERENCES erp.addresses(address_id);


--
-- Name: payments payments_order_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.payments
    ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES erp.orders(order_id);


--
-- Name: products products_category_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.products
    ADD CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id) REFERENCES erp.categories(category_id);


--
-- Name: products products_supplier_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.products
    ADD CONSTRAINT products_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES erp.suppliers(supplier_id);


--
-- Name: purchase_orders purchase_orders_supplier_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.purchase_orders
    ADD CONSTRAINT purchase_orders_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES erp.suppliers(supplier_id);


--
-- Name: reviews reviews_customer_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.reviews
    ADD CONSTRAINT reviews_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES erp.customers(customer_id);


--
-- Name: reviews reviews_product_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.reviews
    ADD CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES erp.products(product_id);


--
-- Name: shipments shipments_order_id_fkey; Type: FK CONSTRAINT; Schema: erp; Owner: app_owner
--

ALTER TABLE ONLY erp.shipments
    ADD CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id) REFERENCES erp.orders(order_id);


--
-- Name: erp_cdc; Type: PUBLICATION; Schema: -; Owner: app_owner
--

CREATE PUBLICATION erp_cdc WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);


ALTER PUBLICATION erp_cdc OWNER TO app_owner;

--
-- Name: erp_cdc addresses; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.addresses;


--
-- Name: erp_cdc audit_log; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.audit_log;


--
-- Name: erp_cdc categories; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.categories;


--
-- Name: erp_cdc customers; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.customers;


--
-- Name: erp_cdc inventory; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.inventory;


--
-- Name: erp_cdc order_events; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.order_events;


--
-- Name: erp_cdc order_lines; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.order_lines;


--
-- Name: erp_cdc orders; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.orders;


--
-- Name: erp_cdc payments; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.payments;


--
-- Name: erp_cdc products; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.products;


--
-- Name: erp_cdc purchase_orders; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.purchase_orders;


--
-- Name: erp_cdc reviews; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.reviews;


--
-- Name: erp_cdc shipments; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.shipments;


--
-- Name: erp_cdc suppliers; Type: PUBLICATION TABLE; Schema: erp; Owner: app_owner
--

ALTER PUBLICATION erp_cdc ADD TABLE ONLY erp.suppliers;


--
-- Name: SCHEMA erp; Type: ACL; Schema: -; Owner: app_owner
--

GRANT USAGE ON SCHEMA erp TO reporting;


--
-- Name: TABLE customers; Type: ACL; Schema: erp; Owner: app_owner
--

GRANT SELECT ON TABLE erp.customers TO reporting;


--
-- Name: TABLE order_lines; Type: ACL; Schema: erp; Owner: app_owner
--

GRANT SELECT ON TABLE erp.order_lines TO reporting;


--
-- Name: TABLE orders; Type: ACL; Schema: erp; Owner: app_owner
--

GRANT SELECT ON TABLE erp.orders TO reporting;


--
-- Name: TABLE open_orders; Type: ACL; Schema: erp; Owner: app_owner
--

GRANT SELECT ON TABLE erp.open_orders TO reporting;


--
-- PostgreSQL database dump complete
--

