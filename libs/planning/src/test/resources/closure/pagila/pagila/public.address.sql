SELECT id FROM closure WHERE t = 'address' ORDER BY id
