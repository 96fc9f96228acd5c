ALTER TABLE public.event ADD CONSTRAINT event_pkey PRIMARY KEY (id);
ALTER TABLE public.report_snapshot ADD CONSTRAINT report_snapshot_pkey PRIMARY KEY (id);
CREATE INDEX event_district_id_idx ON public.event (district_id, occurred_at);
CREATE INDEX daily_usage_district_id_idx ON public.daily_usage (district_id, usage_date);
CREATE INDEX report_snapshot_district_id_idx ON public.report_snapshot (district_id);
SELECT setval(pg_get_serial_sequence('public.event', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM public.event), false);
