ALTER TABLE public.grade_level ADD CONSTRAINT grade_level_pkey PRIMARY KEY (code);
ALTER TABLE public.district ADD CONSTRAINT district_pkey PRIMARY KEY (id);
ALTER TABLE public.district ADD CONSTRAINT district_code_key UNIQUE (code);
ALTER TABLE public.school ADD CONSTRAINT school_pkey PRIMARY KEY (id);
ALTER TABLE public.school ADD CONSTRAINT school_district_code_key UNIQUE (district_id, code);
ALTER TABLE public.person ADD CONSTRAINT person_pkey PRIMARY KEY (id);
ALTER TABLE public.person ADD CONSTRAINT person_uuid_key UNIQUE (person_uuid);
ALTER TABLE public.person ADD CONSTRAINT person_email_key UNIQUE (email);
ALTER TABLE public.person ADD CONSTRAINT person_state_student_id_key UNIQUE (state_student_id);
ALTER TABLE public.user_account ADD CONSTRAINT user_account_pkey PRIMARY KEY (id);
ALTER TABLE public.user_account ADD CONSTRAINT user_account_username_key UNIQUE (username);
ALTER TABLE public.user_account ADD CONSTRAINT user_account_email_key UNIQUE (email);
ALTER TABLE public.guardian_link ADD CONSTRAINT guardian_link_pkey PRIMARY KEY (guardian_id, student_id);
ALTER TABLE public.staff_assignment ADD CONSTRAINT staff_assignment_pkey PRIMARY KEY (staff_id, school_id);

ALTER TABLE public.school ADD CONSTRAINT school_district_id_fkey FOREIGN KEY (district_id) REFERENCES public.district (id);
-- self-reference: an annex belongs to a main campus
ALTER TABLE public.school ADD CONSTRAINT school_parent_school_id_fkey FOREIGN KEY (parent_school_id) REFERENCES public.school (id);
ALTER TABLE public.person ADD CONSTRAINT person_district_id_fkey FOREIGN KEY (district_id) REFERENCES public.district (id);
-- cycle through a nullable reference: school.principal_id -> person, person.school_id -> school
ALTER TABLE public.person ADD CONSTRAINT person_school_id_fkey FOREIGN KEY (school_id) REFERENCES public.school (id);
ALTER TABLE public.school ADD CONSTRAINT school_principal_id_fkey FOREIGN KEY (principal_id) REFERENCES public.person (id);
ALTER TABLE public.person ADD CONSTRAINT person_previous_school_id_fkey FOREIGN KEY (previous_school_id) REFERENCES public.school (id);
ALTER TABLE public.person ADD CONSTRAINT person_grade_level_code_fkey FOREIGN KEY (grade_level_code) REFERENCES public.grade_level (code);
ALTER TABLE public.user_account ADD CONSTRAINT user_account_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.person (id);
ALTER TABLE public.guardian_link ADD CONSTRAINT guardian_link_guardian_id_fkey FOREIGN KEY (guardian_id) REFERENCES public.person (id);
ALTER TABLE public.guardian_link ADD CONSTRAINT guardian_link_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.person (id);
ALTER TABLE public.staff_assignment ADD CONSTRAINT staff_assignment_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.person (id);
ALTER TABLE public.staff_assignment ADD CONSTRAINT staff_assignment_school_id_fkey FOREIGN KEY (school_id) REFERENCES public.school (id);

CREATE INDEX school_principal_id_idx ON public.school (principal_id);
CREATE INDEX person_district_id_idx ON public.person (district_id);
CREATE INDEX person_school_id_idx ON public.person (school_id);
CREATE INDEX user_account_person_id_idx ON public.user_account (person_id);
CREATE INDEX guardian_link_student_id_idx ON public.guardian_link (student_id);
CREATE INDEX staff_assignment_school_id_idx ON public.staff_assignment (school_id);

SELECT setval(pg_get_serial_sequence('public.person', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM public.person), false);
