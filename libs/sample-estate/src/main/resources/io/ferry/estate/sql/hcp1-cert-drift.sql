-- CERT drift in hcp1: a PROD column CERT lacks, an extra NOT NULL column with a default, a CHECK PROD lacks
ALTER TABLE public.course DROP COLUMN legacy_code;
ALTER TABLE public.section ADD COLUMN is_virtual boolean NOT NULL DEFAULT false;
ALTER TABLE public.enrollment ADD CONSTRAINT enrollment_dates_check CHECK (exit_date IS NULL OR exit_date >= entry_date);
