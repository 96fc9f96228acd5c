-- never reached: films come in upward only
SELECT actor_id FROM public.actor WHERE false
