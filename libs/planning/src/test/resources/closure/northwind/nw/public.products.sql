SELECT product_id FROM closure_products ORDER BY product_id
