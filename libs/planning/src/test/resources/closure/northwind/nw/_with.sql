WITH
closure_orders AS (SELECT * FROM public.orders WHERE customer_id = ${district}),
closure_lines AS (SELECT * FROM public.order_details WHERE order_id IN (SELECT order_id FROM closure_orders)),
closure_products AS (SELECT * FROM public.products WHERE product_id IN (SELECT product_id FROM closure_lines))
