SELECT id FROM book_in WHERE t = 'gradebook' ORDER BY id
