SELECT employee_id FROM public.employees WHERE employee_id IN (SELECT employee_id FROM closure_orders) ORDER BY employee_id
