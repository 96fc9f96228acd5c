SELECT id FROM closure WHERE t = 'film' ORDER BY id
