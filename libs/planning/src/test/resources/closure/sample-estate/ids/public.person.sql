SELECT id FROM inc WHERE t = 'person' ORDER BY id
