SELECT id FROM closure WHERE t = 'staff' ORDER BY id
