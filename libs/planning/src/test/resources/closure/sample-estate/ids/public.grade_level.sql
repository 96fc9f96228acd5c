-- copy-all
SELECT code FROM public.grade_level ORDER BY code COLLATE "C"
