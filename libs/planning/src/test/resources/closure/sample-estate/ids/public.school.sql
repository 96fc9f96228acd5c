SELECT id FROM inc WHERE t = 'school' ORDER BY id
