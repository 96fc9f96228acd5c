SELECT city_id FROM public.city ORDER BY city_id
