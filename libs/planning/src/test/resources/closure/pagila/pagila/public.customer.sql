SELECT id FROM closure WHERE t = 'customer' ORDER BY id
