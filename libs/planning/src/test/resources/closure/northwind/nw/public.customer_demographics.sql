SELECT customer_type_id FROM public.customer_demographics ORDER BY customer_type_id COLLATE "C"
