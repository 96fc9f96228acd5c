SELECT id FROM rubric_in WHERE t = 'criterion' ORDER BY id
