SELECT state_id FROM public.us_states ORDER BY state_id
