SELECT customer_id FROM public.customers WHERE customer_id = ${district} OR customer_id IN (SELECT customer_id FROM closure_orders) ORDER BY customer_id COLLATE "C"
