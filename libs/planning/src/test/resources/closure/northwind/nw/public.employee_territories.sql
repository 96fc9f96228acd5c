-- never reached: employees come in upward only
SELECT employee_id, territory_id FROM public.employee_territories WHERE false
