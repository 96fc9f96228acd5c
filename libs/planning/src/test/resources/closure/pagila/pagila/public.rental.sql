SELECT id FROM closure WHERE t = 'rental' ORDER BY id
