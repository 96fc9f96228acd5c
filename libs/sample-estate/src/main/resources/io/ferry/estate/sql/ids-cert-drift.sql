-- CERT drift in ids: an extra nullable column and a shorter varchar
ALTER TABLE public.person ADD COLUMN preferred_name text;
ALTER TABLE public.school ALTER COLUMN name TYPE varchar(120);
