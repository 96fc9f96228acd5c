SELECT order_id, product_id FROM closure_lines ORDER BY order_id, product_id
