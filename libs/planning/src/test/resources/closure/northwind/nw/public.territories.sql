SELECT territory_id FROM public.territories ORDER BY territory_id COLLATE "C"
