SELECT id FROM closure WHERE t = 'inventory' ORDER BY id
