-- A realistic burst row is about 2.2 KB before TOAST, just past the 2 KB at which PostgreSQL starts compressing, so
-- its metrics (the largest column) were pglz-compressed on every insert and decompressed on every read: by the
-- evaluator, the rollup page, qos-advice and raw dashboard panels, several times per row (issue 15). Measured on
-- 300,000 such rows: reading eight metrics took 11.4-11.7 µs per row compressed and 5.4-6.8 uncompressed, one metric
-- 7.3 and 1.9, the COPY 83-84 and 65-72 µs per row; the heap grows from 1.95 to 2.6 KB per row. Rows up to half a page
-- now stay uncompressed in line; longer ones are compressed as before. TimescaleDB gives the option to every
-- chunk, existing and new. Ingest's staging table (StagedRows) carries the same option: a value compressed there
-- would be stored compressed.
ALTER TABLE results SET (toast_tuple_target = 4080);
