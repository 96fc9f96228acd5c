SELECT id FROM inc WHERE t = 'district' ORDER BY id
