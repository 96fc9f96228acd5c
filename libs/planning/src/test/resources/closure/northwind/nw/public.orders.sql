SELECT order_id FROM closure_orders ORDER BY order_id
