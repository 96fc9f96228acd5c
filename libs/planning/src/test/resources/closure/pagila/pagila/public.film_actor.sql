-- never reached: films come in upward only
SELECT actor_id, film_id FROM public.film_actor WHERE false
