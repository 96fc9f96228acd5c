-- PostgreSQL's awkward types and values, for the extractor's fidelity test: each must read the same as
-- Timestamps stop at 294247-01-09, where Parquet microseconds since 1970 end (docs/batches.md); PostgreSQL goes on to 294276.
-- col::text after PROD -> encrypted Parquet -> COPY into an empty copy of this schema.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN "bıgınt" AS bigint;

CREATE TABLE district (id integer PRIMARY KEY, code text NOT NULL UNIQUE);
CREATE TABLE other_thing (id integer PRIMARY KEY, label text);

CREATE TABLE zoo (
    id bigint PRIMARY KEY,
    district_id integer NOT NULL REFERENCES district (id),
    i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, b boolean,
    t text, vc varchar(20), ch char(5), nm name, "quoted ""col""" text, by bytea,
    d date, ts timestamp, tstz timestamptz, ts3 timestamp(3), tm time, tmtz timetz, iv interval,
    u uuid, n numeric, n102 numeric(10, 2), n38 numeric(38, 10), n5 numeric(5), cash money,
    arr integer[], arr2 integer[][], tarr text[], j json, jb jsonb, e mood, pos positive, big "bıgınt",
    tsv tsvector, r int4range, tr tstzrange, ip inet, mac macaddr, x xml, bits bit varying(8), pt point,
    upper_t text GENERATED ALWAYS AS (upper(t)) STORED,
    seq integer GENERATED ALWAYS AS IDENTITY
);

-- A table without a primary key, with duplicate rows.
CREATE TABLE zoo_note (zoo_id bigint REFERENCES zoo (id), note text, at date);

INSERT INTO district VALUES (1, 'north'), (2, 'south');
INSERT INTO other_thing VALUES (1, 'unrelated');

INSERT INTO zoo (id, district_id, i2, i4, i8, f4, f8, b, t, vc, ch, nm, "quoted ""col""", by, d, ts, tstz, ts3, tm, tmtz, iv,
                 u, n, n102, n38, n5, cash, arr, arr2, tarr, j, jb, e, pos, big, tsv, r, tr, ip, mac, x, bits, pt) VALUES
 (1, 1, -32768, -2147483648, -9223372036854775808, 'NaN', 'NaN', true, '', '', '', '', '', '\x',
  '0044-03-15 BC', '0001-01-01 00:00:00 BC', '1999-12-31 23:59:59.999999+00', '2024-02-29 12:00:00.123', '00:00', '00:00+00', '0',
  '00000000-0000-0000-0000-000000000000', 'NaN', 'NaN', '0', 'NaN', '0', '{}', '{{1,2},{3,4}}', '{}', '{}', '{}', 'sad', 1, 0,
  '', 'empty', 'empty', '0.0.0.0', '00:00:00:00:00:00', '<a/>', '', '(0,0)'),
 (2, 1, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity', false, 'tab	and
newline and \ backslash', 'ünïcødé ☃', 'ab', 'name', 'x', '\x00ff10',
  'infinity', 'infinity', 'infinity', 'infinity', '24:00:00', '23:59:59.999999-12', '-178000000 years',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', 'Infinity', '99999999.99', '9999999999999999999999999999.9999999999', '99999', '-92233720368547758.08',
  '{1,NULL,3}', '{{{1}}}', '{"a b","c,d","e\"f","NULL",NULL,""}', '{"k": [1, 2.50, "x"]}', '{"k": [1, 2.50, "x"], "a": null}',
  'happy', 2147483647, 9223372036854775807,
  'the quick brown fox', '[1,10)', '[2024-01-01 00:00+00,infinity)', '2001:db8::1/64', 'ff:ff:ff:ff:ff:ff', '<doc>text &amp; more</doc>', '10101', '(1.5,-2.25)'),
 (3, 1, 0, 0, 0, '-Infinity', '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  '-infinity', '-infinity', '-infinity', '-infinity', NULL, NULL, '1 year 2 mons 3 days 04:05:06.789',
  NULL, '-Infinity', '-0.01', '-0.0000000001', '-1', NULL, NULL, NULL, NULL, 'null', 'null', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (4, 1, 1, 1, 1, '-0', '-0', true, 'NULL', '\N', '\N', 'N', '\\N', '\x5c4e',
  '2000-02-29', '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', '2000-01-01 00:00:00', '12:34:56.789', '12:34:56+05:30', '-1 days +02:03:04',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1.50', '1.50', '1.5000000000', '12345', '1.5',
  '{-1}', '{{NULL,NULL}}', '{"\\\\"}', '"just a string"', '"just a string"', 'ok', 5, -5,
  'a:1A fat:2B,4C cat:5D', '(,5]', '(,)', '10.0.0.1', '08:00:2b:01:02:03', '<?xml version="1.0"?><r/>', '1', '(-0,0)'),
 (5, 1, NULL, NULL, NULL, 1.17549435e-38, 2.2250738585072014e-308, NULL, repeat('long ', 4000), NULL, NULL, NULL, NULL,
  decode(repeat('ab', 10000), 'hex'),
  '5874897-12-31', '294247-01-09 23:59:59.999999', '294247-01-09 23:59:59.999999+00', '4713-01-01 00:00:00 BC', '23:59:59.999999', NULL, '1 microsecond',
  NULL, '0.000000000000000000000000000000000000000000000001', '0.00', NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (6, 1, NULL, NULL, NULL, 3.4028235e38, 1.7976931348623157e308, NULL, 'x', NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, '2024-06-30 23:59:60+00', NULL, NULL, NULL, NULL, NULL, '123456789012345678901234567890.123456789012345678901234567890', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (7, 1, NULL, NULL, NULL, 0.1, 0.1, NULL, E'\u0001 control \u001f chars', NULL, NULL, NULL, NULL, NULL,
  NULL, '1970-01-01 00:00:00.000001', '1969-12-31 23:59:59.999999+00', NULL, NULL, NULL, NULL, NULL, '1e-20', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (8, 1, NULL, NULL, NULL, 1e-45, 5e-324, NULL, '😀 astral', NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '1e20', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (9, 1, NULL, NULL, NULL, 123456.7, 123456789.123456789, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, '2024-03-10 02:30:00-08', NULL, NULL, NULL, NULL, NULL, '-0', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (10, 1, NULL, NULL, NULL, NULL, 1e15, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '100', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (11, 1, NULL, NULL, NULL, NULL, 1e16, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '1.000', NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (12, 1, NULL, NULL, NULL, NULL, -1e-7, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (13, 2, 1, NULL, NULL, NULL, NULL, NULL, 'south district row', NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO zoo_note VALUES (1, 'same', '2024-01-01'), (1, 'same', '2024-01-01'), (2, NULL, NULL), (13, 'south', NULL);
