-- never reached: films come in upward only
SELECT film_id, category_id FROM public.film_category WHERE false
