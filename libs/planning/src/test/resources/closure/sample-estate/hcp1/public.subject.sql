-- copy-all
SELECT code FROM public.subject ORDER BY code COLLATE "C"
