SELECT id FROM section_in ORDER BY id
