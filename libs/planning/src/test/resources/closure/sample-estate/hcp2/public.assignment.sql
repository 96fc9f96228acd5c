SELECT id FROM assignment_down UNION SELECT assignment_id FROM submission ORDER BY 1
