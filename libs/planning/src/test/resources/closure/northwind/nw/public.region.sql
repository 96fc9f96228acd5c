SELECT region_id FROM public.region ORDER BY region_id
