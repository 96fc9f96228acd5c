SELECT supplier_id FROM public.suppliers WHERE supplier_id IN (SELECT supplier_id FROM closure_products) ORDER BY supplier_id
