SELECT id FROM rubric_in WHERE t = 'rubric' ORDER BY id
