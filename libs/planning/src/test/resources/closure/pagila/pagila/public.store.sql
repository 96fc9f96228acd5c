SELECT id FROM closure WHERE t = 'store' ORDER BY id
