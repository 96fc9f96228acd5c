SELECT 'down', t, id FROM down UNION ALL SELECT 'in', t, id FROM inc
