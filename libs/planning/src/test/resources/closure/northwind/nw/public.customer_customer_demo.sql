SELECT customer_id, customer_type_id FROM public.customer_customer_demo WHERE customer_id = ${district} ORDER BY customer_id COLLATE "C", customer_type_id COLLATE "C"
