SELECT shipper_id FROM public.shippers ORDER BY shipper_id
