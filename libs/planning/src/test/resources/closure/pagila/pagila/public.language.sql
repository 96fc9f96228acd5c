SELECT language_id FROM public.language ORDER BY language_id
