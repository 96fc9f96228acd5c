SELECT country_id FROM public.country ORDER BY country_id
