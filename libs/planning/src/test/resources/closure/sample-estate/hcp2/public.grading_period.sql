SELECT id FROM book_in WHERE t = 'grading_period' ORDER BY id
