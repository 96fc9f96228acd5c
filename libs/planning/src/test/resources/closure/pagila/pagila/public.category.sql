SELECT category_id FROM public.category ORDER BY category_id
