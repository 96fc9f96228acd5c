-- downward only: nothing references an account
SELECT id FROM public.user_account WHERE person_id IN (SELECT id FROM down_person) ORDER BY id::text COLLATE "C"
