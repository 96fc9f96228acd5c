SELECT category_id FROM public.categories ORDER BY category_id
